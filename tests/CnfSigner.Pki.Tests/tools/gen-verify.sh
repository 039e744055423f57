#!/usr/bin/env bash
# Regenerates testdata/verify with the real openssl (3.0.x): a small PKI with fixed validity dates (made with
# `openssl ca -startdate/-enddate` and `-crl_lastupdate/-crl_nextupdate`), then one `openssl verify` run per row
# of testdata/verify/cases.tsv (run from inside testdata/verify), recorded as expected/<name>.out/.err/.rc.
# Rows use -attime 1735689600 (2025-01-01T00:00:00Z) so the goldens never expire.
# Usage: gen-verify.sh          (keys, certificates, CRLs and goldens)
#        gen-verify.sh --cases  (goldens only, from the committed certificates)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$here/testdata/verify
mkdir -p "$dir/expected"

make_pki() {
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  rm -rf "$dir/capath"; mkdir -p "$dir/capath"
  cat > "$tmp/ca.cnf" <<'CNF'
[ca]
default_ca = CA_default
[CA_default]
dir = .
database = $ENV::DB/index.txt
new_certs_dir = $ENV::DB
serial = $ENV::DB/serial
crlnumber = $ENV::DB/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = yes
copy_extensions = none
[policy_any]
countryName = optional
organizationName = optional
commonName = optional
emailAddress = optional
[crl_ext]
authorityKeyIdentifier = keyid:always
CNF
  cat > "$tmp/ext.cnf" <<'CNF'
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[int]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[subint]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[srvint]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[weakint]
basicConstraints = CA:TRUE
subjectKeyIdentifier = none
authorityKeyIdentifier = keyid:always
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:node.example.com,DNS:*.wild.example.com,IP:127.0.0.1,IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = email:user@Example.COM
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[both]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[plain]
basicConstraints = CA:FALSE
subjectAltName = DNS:rootleaf.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[weakleaf]
basicConstraints = CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
[noakid]
basicConstraints = CA:FALSE
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[nosan]
basicConstraints = CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[critical]
basicConstraints = CA:FALSE
1.2.3.4 = critical,ASN1:UTF8String:unknown
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[tsa]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[selfsigned]
basicConstraints = CA:FALSE
subjectAltName = DNS:self.example.com
subjectKeyIdentifier = hash
[otherroot]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[impostor]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = none
authorityKeyIdentifier = none
CNF
  key() { if [[ $2 == rsa ]]; then openssl genrsa -out "$tmp/$1.key" 2048 2>/dev/null;
          else openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/$1.key"; fi; }
  csr() { openssl req -new -key "$tmp/$1.key" -subj "$2" -out "$tmp/$1.csr"; }
  db() { mkdir -p "$tmp/db-$1"; : > "$tmp/db-$1/index.txt"; [[ -f "$tmp/db-$1/serial" ]] || echo "$2" > "$tmp/db-$1/serial";
         [[ -f "$tmp/db-$1/crlnumber" ]] || echo 01 > "$tmp/db-$1/crlnumber"; }
  selfsign() { local name=$1 ext=$2 start=$3 end=$4; db "$name" 1000
    DB="$tmp/db-$name" openssl ca -config "$tmp/ca.cnf" -batch -notext -preserveDN -md sha256 -selfsign \
      -startdate "$start" -enddate "$end" -extfile "$tmp/ext.cnf" -extensions "$ext" \
      -keyfile "$tmp/$name.key" -in "$tmp/$name.csr" -out "$dir/$name.pem" 2>/dev/null; }
  issue() { local name=$1 issuer=$2 ext=$3 start=$4 end=$5 subj=$6 alg=${7:-ec}
    key "$name" "$alg"; csr "$name" "$subj"
    DB="$tmp/db-$issuer" openssl ca -config "$tmp/ca.cnf" -batch -notext -preserveDN -md sha256 \
      -startdate "$start" -enddate "$end" -extfile "$tmp/ext.cnf" -extensions "$ext" \
      -keyfile "$tmp/$issuer.key" -cert "$dir/$issuer.pem" -in "$tmp/$name.csr" -out "$dir/$name.pem" 2>/dev/null; }

  key root rsa; csr root "/O=CnfSigner Test/CN=Test Root CA"; selfsign root root 200101000000Z 400101000000Z
  db root 2000
  issue int root int 200101000000Z 390101000000Z "/O=CnfSigner Test/CN=Test Intermediate CA"; db int 3000
  issue subint int subint 200101000000Z 390101000000Z "/O=CnfSigner Test/CN=Test Sub CA"; db subint 4000
  issue deep subint server 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=deep.example.com"
  issue server int server 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=node"
  issue client int client 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=root"
  issue rootleaf root plain 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=Root Leaf" rsa
  issue revoked root plain 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=Revoked Leaf"
  issue expired root client 200101000000Z 210101000000Z "/O=CnfSigner Test/CN=Expired Leaf"
  issue notyet root plain 300101000000Z 310101000000Z "/O=CnfSigner Test/CN=Future Leaf"
  issue cnonly root nosan 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=cn.example.com/emailAddress=dn@example.com"
  issue critical root critical 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=Critical Leaf"
  issue tsa root tsa 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=TSA"
  issue srvint root srvint 200101000000Z 390101000000Z "/O=CnfSigner Test/CN=Server-only CA"; db srvint 5000
  issue srvint_leaf srvint both 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=both.example.com"
  issue weakint root weakint 200101000000Z 390101000000Z "/O=CnfSigner Test/CN=Weak CA"; db weakint 6000
  issue weakleaf weakint weakleaf 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=Weak Leaf"
  db server 7000
  issue nonca_leaf server plain 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=Leaf of a leaf"
  key other ec; csr other "/O=CnfSigner Test/CN=Other Root CA"; selfsign other otherroot 200101000000Z 400101000000Z
  db other 8000
  issue wrongca other plain 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=Wrong CA Leaf"
  key impostor rsa; csr impostor "/O=CnfSigner Test/CN=Test Root CA"; selfsign impostor impostor 200101000000Z 400101000000Z
  db impostor 9000
  issue impostor_leaf impostor noakid 240101000000Z 260101000000Z "/O=CnfSigner Test/CN=Impostor Leaf"
  key selfsigned ec; csr selfsigned "/O=CnfSigner Test/CN=Self Signed Leaf"; selfsign selfsigned selfsigned 240101000000Z 260101000000Z

  # A root-signed leaf whose signature is damaged: flip the last byte of the DER.
  openssl x509 -in "$dir/rootleaf.pem" -outform DER -out "$tmp/bad.der"
  python3 - "$tmp/bad.der" <<'PY'
import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[-1]^=0x01; open(p,'wb').write(b)
PY
  openssl x509 -inform DER -in "$tmp/bad.der" -out "$dir/badsig.pem"

  # ca's default output (text dump before the PEM) must verify as well.
  key textleaf ec; csr textleaf "/O=CnfSigner Test/CN=Text Leaf"
  DB="$tmp/db-root" openssl ca -config "$tmp/ca.cnf" -batch -preserveDN -md sha256 -startdate 240101000000Z \
    -enddate 260101000000Z -extfile "$tmp/ext.cnf" -extensions plain -keyfile "$tmp/root.key" -cert "$dir/root.pem" \
    -in "$tmp/textleaf.csr" -out "$dir/textleaf.pem" 2>/dev/null

  # CRLs: root revokes "revoked"; the intermediate revokes nothing.
  DB="$tmp/db-root" openssl ca -config "$tmp/ca.cnf" -keyfile "$tmp/root.key" -cert "$dir/root.pem" -revoke "$dir/revoked.pem" 2>/dev/null
  gencrl() { DB="$tmp/db-$1" openssl ca -config "$tmp/ca.cnf" -gencrl -crlexts crl_ext -md sha256 -keyfile "$tmp/$1.key" \
    -cert "$dir/$1.pem" -crl_lastupdate "$3" -crl_nextupdate "$4" -out "$dir/$2" 2>/dev/null; }
  gencrl root root.crl 20240601000000Z 20250601000000Z
  gencrl root root_expired.crl 20240101000000Z 20241201000000Z
  gencrl root root_future.crl 20250201000000Z 20250601000000Z
  gencrl int int.crl 20240601000000Z 20250601000000Z
  openssl crl -in "$dir/root.crl" -outform DER -out "$tmp/crl.der"
  python3 - "$tmp/crl.der" <<'PY'
import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[-1]^=0x01; open(p,'wb').write(b)
PY
  openssl crl -inform DER -in "$tmp/crl.der" -out "$dir/root_badsig.crl"

  cat "$dir/int.pem" "$dir/subint.pem" > "$dir/int_subint.pem"
  cat "$dir/int.pem" "$dir/server.pem" > "$dir/int_server.pem"
  { echo "Bundle of two CAs, with text around them"; cat "$dir/root.pem" "$dir/int.pem"; echo trailing; } > "$dir/bundle.pem"
  cat "$dir/root.pem" "$dir/root.crl" > "$dir/root_with_crl.pem"
  cat "$dir/root.crl" "$dir/int.crl" > "$dir/all.crl"
  : > "$dir/empty.pem"; echo "not a certificate" > "$dir/garbage.pem"
  cp "$dir/root.pem" "$dir/capath/$(openssl x509 -in "$dir/root.pem" -noout -hash).0"
  cp "$dir/root.crl" "$dir/capath/$(openssl x509 -in "$dir/root.pem" -noout -hash).r0"
}

run_cases() {
  cd "$dir"; rm -f expected/*
  while IFS=$'\t' read -r name args; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    # shellcheck disable=SC2086
    set +e; openssl verify $args > "expected/$name.out" 2> "expected/$name.err"; echo $? > "expected/$name.rc"; set -e
  done < cases.tsv
}

# Name hashes (X509_NAME_hash) of odd names, and `x509 -checkhost/-checkemail/-checkip` answers.
make_name_goldens() {
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/k.pem"
  mkdir -p "$dir/names"
  printf '%s\n' "spaces|/CN=  Mixed   Case  Name /O=ACME  Corp" "multi|/CN=a+OU=B b/O=x" \
    "email|/emailAddress=Someone@Example.COM/CN=Tab" "utf8|/CN=Caf\xc3\xa9 \xc3\x89T\xc3\xa9" |
  while IFS='|' read -r n subj; do
    openssl req -x509 -new -utf8 -key "$tmp/k.pem" -subj "$(printf "$subj")" -days 1 -out "$dir/names/$n.pem" 2>/dev/null
  done
  { for f in "$dir"/*.pem "$dir"/names/*.pem; do
      case $f in *bundle.pem|*int_*|*empty.pem|*garbage.pem|*root_with_crl.pem) continue;; esac
      echo -e "${f#"$dir"/}\t$(openssl x509 -in "$f" -noout -subject_hash)"
    done; } > "$dir/hashes.tsv"
  : > "$dir/identity.tsv"
  while IFS=$'\t' read -r cert kind value; do
    [[ -z "$cert" || "$cert" == \#* ]] && continue
    out=$(openssl x509 -in "$dir/$cert" -noout "-check$kind" "$value")
    [[ $out == *"does match"* ]] && m=yes || m=no
    echo -e "$cert\t$kind\t$value\t$m" >> "$dir/identity.tsv"
  done < "$dir/identity-cases.tsv"
}

[[ "${1:-}" == --cases ]] || { make_pki; make_name_goldens; }
run_cases
