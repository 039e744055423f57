#!/usr/bin/env bash
# Regenerates testdata/verify with the real openssl (3.0.x): a small PKI with fixed validity dates (made with
# `openssl ca -startdate/-enddate` and `-crl_lastupdate/-crl_nextupdate`), then one `openssl verify` run per row
# of testdata/verify/cases.tsv (run from inside testdata/verify), recorded as expected/<name>.out/.err/.rc.
# Rows use -attime 1735689600 (2025-01-01T00:00:00Z) so the goldens never expire.
# Usage: gen-verify.sh          (keys, certificates, CRLs and goldens)
#        gen-verify.sh --cases  (goldens only, from the committed certificates)
#        gen-verify.sh --nc     (the name-constraints PKI in nc/ and all goldens)
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

# Name constraints (crypto/x509/v3_ncons.c): a root without constraints, CAs under it that carry permitted and
# excluded subtrees of each kind, and leaves inside and outside them. Everything lives in testdata/verify/nc/.
make_nc_pki() {
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  local out=$dir/nc; rm -rf "$out"; mkdir -p "$out"
  cat > "$tmp/ca.cnf" <<'CNF'
[ca]
default_ca = CA_default
[CA_default]
database = $ENV::DB/index.txt
new_certs_dir = $ENV::DB
serial = $ENV::DB/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = yes
copy_extensions = none
[policy_any]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
emailAddress = optional
CNF
  # One extension section per certificate: "ca" lines are a CA's nameConstraints, "leaf" lines its SAN.
  nc_ext() { local file=$1 kind=$2 value=$3 alt=
    { echo "[ext]"
      if [[ $kind == ca ]]; then
        echo "basicConstraints = critical,CA:TRUE"; echo "keyUsage = critical,keyCertSign,cRLSign"
        [[ -n $value ]] && echo "nameConstraints = $value"
      elif [[ $kind == proxy ]]; then
        echo "basicConstraints = CA:FALSE"; echo "proxyCertInfo = critical,language:id-ppl-inheritAll"
      elif [[ $kind == ca+san ]]; then
        echo "basicConstraints = critical,CA:TRUE"; echo "keyUsage = critical,keyCertSign,cRLSign"
        echo "subjectAltName = $value"
      else
        echo "basicConstraints = CA:FALSE"
        # "@type:value" is one SAN entry written in a section, where a comma does not split it
        if [[ $value == @* ]]; then echo "subjectAltName = @alt"; alt="${value#@}"
        elif [[ -n $value ]]; then echo "subjectAltName = $value"; fi
      fi
      echo "subjectKeyIdentifier = hash"; echo "authorityKeyIdentifier = keyid:always"
      echo "[dir_allowed]"; echo "O = CnfSigner Test"; echo "OU = Allowed"
      echo "[dir_banned]"; echo "O = CnfSigner Test"; echo "OU = Allowed"; echo "CN = Banned"
      echo "[dir_other]"; echo "O = Elsewhere"
      if [[ -n $alt ]]; then echo "[alt]"; echo "${alt%%:*} = ${alt#*:}"; fi
    } > "$file"; }
  nc_issue() { local name=$1 issuer=$2 kind=$3 subj=$4 value=$5 start=${6:-240101000000Z} end=${7:-260101000000Z}
    openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/$name.key"
    openssl req -new -key "$tmp/$name.key" -subj "$subj" -out "$tmp/$name.csr"
    nc_ext "$tmp/$name.cnf" "$kind" "$value"
    mkdir -p "$tmp/db-$issuer"; touch "$tmp/db-$issuer/index.txt"
    [[ -f "$tmp/db-$issuer/serial" ]] || echo 1000 > "$tmp/db-$issuer/serial"
    local self=(-cert "$out/$issuer.pem"); [[ $name == "$issuer" ]] && self=(-selfsign)
    DB="$tmp/db-$issuer" openssl ca -config "$tmp/ca.cnf" -batch -notext -preserveDN -md sha256 "${self[@]}" \
      -startdate "$start" -enddate "$end" -extfile "$tmp/$name.cnf" -extensions ext \
      -keyfile "$tmp/$issuer.key" -in "$tmp/$name.csr" -out "$out/$name.pem" 2>/dev/null; }
  local o="/O=CnfSigner Test"
  nc_issue root root ca "$o/CN=NC Root" "" 200101000000Z 400101000000Z
  # CAs (under the root unless said otherwise)
  nc_issue ca_dns root ca "$o/CN=DNS CA" "critical,permitted;DNS:example.com,excluded;DNS:bad.example.com" 200101000000Z 390101000000Z
  nc_issue ca_dns_dot root ca "$o/CN=DNS dot CA" "critical,permitted;DNS:.example.com" 200101000000Z 390101000000Z
  nc_issue ca_ip root ca "$o/CN=IP CA" "critical,permitted;IP:10.0.0.0/255.0.0.0,permitted;IP:fd00::/ffff:ff00::,excluded;IP:10.9.0.0/255.255.0.0,excluded;IP:fd00:9::/ffff:ffff::" 200101000000Z 390101000000Z
  nc_issue ca_email root ca "$o/CN=Email CA" "critical,permitted;email:example.com,permitted;email:.sub.example.org,permitted;email:xn--bcher-kva.example,excluded;email:bad@example.com" 200101000000Z 390101000000Z
  nc_issue ca_uri root ca "$o/CN=URI CA" "critical,permitted;URI:.example.com,permitted;URI:example.net,excluded;URI:bad.example.com" 200101000000Z 390101000000Z
  nc_issue ca_dir root ca "$o/OU=Allowed/CN=Dir CA" "critical,permitted;dirName:dir_allowed,excluded;dirName:dir_banned" 200101000000Z 390101000000Z
  nc_issue ca_rid root ca "$o/CN=RID CA" "critical,permitted;RID:1.2.3.4" 200101000000Z 390101000000Z
  nc_issue ca_other root ca "$o/CN=otherName CA" "critical,excluded;otherName:1.2.3.4;UTF8:x" 200101000000Z 390101000000Z
  # GeneralSubtree with minimum 1 (DNS:example.com); then with minimum 0 and maximum 5
  nc_issue ca_min root ca "$o/CN=Minimum CA" "critical,DER:30:14:a0:12:30:10:82:0b:65:78:61:6d:70:6c:65:2e:63:6f:6d:80:01:01" 200101000000Z 390101000000Z
  nc_issue ca_max root ca "$o/CN=Maximum CA" "critical,DER:30:17:a0:15:30:13:82:0b:65:78:61:6d:70:6c:65:2e:63:6f:6d:80:01:00:81:01:05" 200101000000Z 390101000000Z
  nc_issue anchor anchor ca "$o/CN=Constrained Root" "critical,permitted;DNS:anchor.test,permitted;email:anchor.test" 200101000000Z 400101000000Z
  nc_issue anchor_int anchor ca "$o/CN=Anchor Intermediate" "" 200101000000Z 390101000000Z
  nc_issue ca_nested ca_dns ca "$o/CN=Nested CA" "critical,permitted;DNS:www.example.com" 200101000000Z 390101000000Z
  nc_issue sub_bad ca_dns ca+san "$o/CN=Sub CA" "DNS:ca.example.net" 200101000000Z 390101000000Z
  # leaves
  nc_issue dns_ok ca_dns leaf "$o/CN=www.example.com" "DNS:www.example.com,DNS:EXAMPLE.com"
  nc_issue dns_suffix_no_dot ca_dns leaf "$o/CN=leaf" "DNS:badexample.com"
  nc_issue dns_out ca_dns leaf "$o/CN=leaf" "DNS:www.example.com,DNS:www.example.org"
  nc_issue dns_excluded ca_dns leaf "$o/CN=leaf" "DNS:x.Bad.example.com"
  nc_issue dns_excluded_exact ca_dns leaf "$o/CN=leaf" "DNS:bad.example.com"
  nc_issue dns_wildcard ca_dns leaf "$o/CN=leaf" "DNS:*.example.com"
  nc_issue dns_dot_exact ca_dns_dot leaf "$o/CN=leaf" "DNS:example.com"
  nc_issue dns_dot_sub ca_dns_dot leaf "$o/CN=leaf" "DNS:a.example.com"
  nc_issue cn_ok ca_dns leaf "$o/CN=host.example.com" ""
  nc_issue cn_out ca_dns leaf "$o/CN=host.example.net" ""
  nc_issue cn_excluded ca_dns leaf "$o/CN=a.bad.example.com" ""
  nc_issue cn_not_host ca_dns leaf "$o/CN=Not a host name" ""
  nc_issue cn_single_label ca_dns leaf "$o/CN=localhost" ""
  nc_issue cn_underscore ca_dns leaf "$o/CN=my_host.example.net" ""
  nc_issue cn_second ca_dns leaf "$o/CN=host.example.com/CN=other.example.net" ""
  nc_issue cn_with_dns_san ca_dns leaf "$o/CN=host.example.net" "DNS:www.example.com"
  nc_issue cn_with_ip_san ca_dns leaf "$o/CN=host.example.net" "IP:10.1.2.3"
  nc_issue cn_with_email_san ca_dns leaf "$o/CN=host.example.net" "email:user@example.com"
  nc_issue ip_ok ca_ip leaf "$o/CN=leaf" "IP:10.1.2.3,IP:fd00:1::1,DNS:anything.example.org"
  nc_issue ip_out ca_ip leaf "$o/CN=leaf" "IP:192.168.1.1"
  nc_issue ip_excluded ca_ip leaf "$o/CN=leaf" "IP:10.9.8.7"
  nc_issue ip6_out ca_ip leaf "$o/CN=leaf" "IP:fd01::1"
  nc_issue ip6_excluded ca_ip leaf "$o/CN=leaf" "IP:fd00:9::5"
  nc_issue ip_bad_length ca_ip leaf "$o/CN=leaf" "DER:30:07:87:05:0a:01:02:03:04"
  nc_issue email_ok ca_email leaf "$o/CN=leaf" "email:user@EXAMPLE.com,email:x@a.sub.example.org"
  nc_issue email_out ca_email leaf "$o/CN=leaf" "email:user@example.net"
  nc_issue email_sub_not_parent ca_email leaf "$o/CN=leaf" "email:user@sub.example.org"
  nc_issue email_excluded ca_email leaf "$o/CN=leaf" "email:bad@example.com"
  nc_issue email_local_case ca_email leaf "$o/CN=leaf" "email:Bad@example.com"
  nc_issue email_no_at ca_email leaf "$o/CN=leaf" "email:postmaster"
  nc_issue email_dn_ok ca_email leaf "$o/CN=leaf/emailAddress=me@example.com" ""
  nc_issue email_dn_out ca_email leaf "$o/CN=leaf/emailAddress=me@example.net" "email:user@example.com"
  nc_issue email_subdomain_host ca_email leaf "$o/CN=leaf" "email:user@www.example.com"
  nc_issue smtputf8_ok ca_email leaf "$o/CN=leaf" "@otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:usér@example.com"
  nc_issue smtputf8_out ca_email leaf "$o/CN=leaf" "@otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:usér@example.net"
  nc_issue smtputf8_dot ca_email leaf "$o/CN=leaf" "@otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:usér@x.sub.example.org"
  nc_issue smtputf8_idn ca_email leaf "$o/CN=leaf" "@otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:usér@bücher.EXAMPLE"
  nc_issue smtputf8_idn_upper ca_email leaf "$o/CN=leaf" "@otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:usér@BÜcher.example"
  nc_issue smtputf8_excluded ca_email leaf "$o/CN=leaf" "@otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:bad@example.com"
  nc_issue uri_ok ca_uri leaf "$o/CN=leaf" "URI:https://www.example.com/path,URI:ldap://EXAMPLE.net:389/o=x"
  nc_issue uri_parent ca_uri leaf "$o/CN=leaf" "URI:https://example.com/"
  nc_issue uri_out ca_uri leaf "$o/CN=leaf" "URI:http://www.example.org:8080/"
  nc_issue uri_excluded ca_uri leaf "$o/CN=leaf" "URI:http://bad.example.com"
  nc_issue uri_no_host ca_uri leaf "$o/CN=leaf" "URI:urn:isbn:0451450523"
  nc_issue uri_userinfo ca_uri leaf "$o/CN=leaf" "URI:http://user@www.example.com/"
  nc_issue uri_query ca_uri leaf "$o/CN=leaf" "URI:https://www.example.com?x=1"
  nc_issue uri_empty_host ca_uri leaf "$o/CN=leaf" "URI:file:///etc/hosts"
  nc_issue dir_ok ca_dir leaf "$o/OU=Allowed/CN=leaf" ""
  nc_issue dir_case ca_dir leaf "/O=CNFSIGNER  test/OU=allowed/CN=leaf" ""
  nc_issue dir_out ca_dir leaf "$o/OU=Other/CN=leaf" ""
  nc_issue dir_excluded ca_dir leaf "$o/OU=Allowed/CN=Banned" ""
  nc_issue dir_san_out ca_dir leaf "$o/OU=Allowed/CN=leaf" "dirName:dir_other"
  nc_issue rid_leaf ca_rid leaf "$o/CN=leaf" "RID:1.2.3.4"
  nc_issue rid_other_type ca_rid leaf "$o/CN=leaf" "DNS:www.example.com"
  nc_issue other_leaf ca_other leaf "$o/CN=leaf" "otherName:1.2.3.4;UTF8:y"
  nc_issue other_oid ca_other leaf "$o/CN=leaf" "otherName:1.2.3.5;UTF8:y"
  nc_issue min_leaf ca_min leaf "$o/CN=leaf" "DNS:www.example.com"
  nc_issue min_email ca_min leaf "$o/CN=leaf" "email:a@example.com"
  nc_issue max_leaf ca_max leaf "$o/CN=leaf" "DNS:www.example.com"
  nc_issue anchor_ok anchor_int leaf "$o/CN=leaf" "DNS:anchor.test"
  nc_issue anchor_out anchor_int leaf "$o/CN=leaf" "DNS:www.anchor.test,DNS:other.test"
  nc_issue nested_ok ca_nested leaf "$o/CN=leaf" "DNS:www.example.com"
  nc_issue nested_parent_only ca_nested leaf "$o/CN=leaf" "DNS:api.example.com"
  nc_issue nested_both ca_nested leaf "$o/CN=leaf" "DNS:api.example.org"
  nc_issue smtputf8_double_dot ca_email leaf "$o/CN=leaf" "@otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:a@X..SUB.example.org"
  # RFC 3820 proxy certificates issued by a leaf: the subject must be the issuer's plus one CN
  nc_issue proxy_ok dns_ok proxy "$o/CN=www.example.com/CN=proxy" ""
  nc_issue proxy_bad dns_ok proxy "$o/CN=proxy" ""
  nc_issue sub_leaf sub_bad leaf "$o/CN=leaf" "DNS:www.example.com"
  nc_issue expired_out ca_dns leaf "$o/CN=leaf" "DNS:www.example.org" 200101000000Z 210101000000Z
  cat "$out/sub_bad.pem" "$out/ca_dns.pem" > "$out/sub_chain.pem"
  cat "$out/ca_nested.pem" "$out/ca_dns.pem" > "$out/nested_chain.pem"
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

case "${1:-}" in
  --cases) ;;
  --nc) make_nc_pki ;;
  *) make_pki; make_name_goldens; make_nc_pki ;;
esac
run_cases
