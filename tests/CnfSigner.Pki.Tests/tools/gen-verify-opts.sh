#!/usr/bin/env bash
# Regenerates testdata/verify/opts with the real openssl (3.0.x): the inputs of the verify options cases (trust
# settings of TRUSTED CERTIFICATE files, security levels, Suite B, -CAstore, SHA-3 signatures), then one
# `openssl verify` run per row of opts/cases.tsv (run from inside testdata/verify), recorded as
# opts/expected/<name>.out/.err/.rc. Certificates run from 2020 to 2040; rows use -attime 1735689600 (2025-01-01).
# Usage: gen-verify-opts.sh          (certificates and goldens)
#        gen-verify-opts.sh --cases  (goldens only, from the committed certificates)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$here/testdata/verify
out=$dir/opts

make_pki() {
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  mkdir -p "$out"
  cat > "$tmp/ca.cnf" <<'CNF'
[ca]
default_ca = CA_default
[CA_default]
database = $ENV::DB/index.txt
new_certs_dir = $ENV::DB
serial = $ENV::DB/serial
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
organizationName = optional
commonName = optional
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
  key() { case $2 in
      rsa*) openssl genrsa -out "$tmp/$1.key" "${2#rsa}" 2>/dev/null ;;
      *) openssl ecparam -name "$2" -genkey -noout -out "$tmp/$1.key" ;; esac; }
  # issue NAME ISSUER EXT KEY MD SUBJECT: ISSUER == NAME self-signs
  issue() { local name=$1 issuer=$2 ext=$3 alg=$4 md=$5 subj=$6
    key "$name" "$alg"; openssl req -new -key "$tmp/$name.key" -subj "$subj" -out "$tmp/$name.csr"
    mkdir -p "$tmp/db-$issuer"; touch "$tmp/db-$issuer/index.txt"
    [[ -f "$tmp/db-$issuer/serial" ]] || echo 1000 > "$tmp/db-$issuer/serial"
    local self=(-cert "$out/$issuer.pem"); [[ $name == "$issuer" ]] && self=(-selfsign)
    DB="$tmp/db-$issuer" openssl ca -config "$tmp/ca.cnf" -batch -notext -preserveDN -md "$md" "${self[@]}" \
      -startdate 200101000000Z -enddate 400101000000Z -extensions "$ext" \
      -keyfile "$tmp/$issuer.key" -in "$tmp/$name.csr" -out "$out/$name.pem" 2>/dev/null; }
  local o="/O=CnfSigner Test"
  # trust settings on the corpus root (../root.pem), one TRUSTED CERTIFICATE per setting
  openssl x509 -in "$dir/root.pem" -addtrust clientAuth -out "$out/root_client.pem"
  openssl x509 -in "$dir/root.pem" -addtrust serverAuth -out "$out/root_server.pem"
  openssl x509 -in "$dir/root.pem" -addreject serverAuth -out "$out/root_rejsrv.pem"
  openssl x509 -in "$dir/root.pem" -addtrust anyExtendedKeyUsage -out "$out/root_any.pem"
  openssl x509 -in "$dir/root.pem" -addreject anyExtendedKeyUsage -out "$out/root_rejany.pem"
  openssl x509 -in "$dir/root.pem" -addtrust emailProtection -out "$out/root_email.pem"
  openssl x509 -in "$dir/root.pem" -setalias "Test Root" -out "$out/root_alias.pem"
  openssl x509 -in "$dir/int.pem" -addtrust serverAuth -out "$out/int_server.pem"
  openssl x509 -in "$dir/int.pem" -addreject serverAuth -out "$out/int_rejsrv.pem"
  openssl x509 -in "$dir/server.pem" -addreject serverAuth -out "$out/server_rejsrv.pem"
  # security levels: a 1024-bit RSA root, a SHA-1 signature, a 1024-bit leaf, a 2000-bit self-signed root
  issue weakroot weakroot ca_ext rsa1024 sha256 "$o/CN=Weak Root"
  issue weakroot_leaf weakroot leaf_ext prime256v1 sha256 "$o/CN=leaf of weak root"
  issue strongroot strongroot ca_ext rsa2048 sha256 "$o/CN=Strong Root"
  issue sha1_leaf strongroot leaf_ext prime256v1 sha1 "$o/CN=SHA-1 leaf"
  issue md5_leaf strongroot leaf_ext prime256v1 md5 "$o/CN=MD5 leaf"
  issue rsa1024_leaf strongroot leaf_ext rsa1024 sha256 "$o/CN=1024-bit leaf"
  issue sha224_leaf strongroot leaf_ext prime256v1 sha224 "$o/CN=SHA-224 leaf"
  issue rsa2000 rsa2000 ca_ext rsa2000 sha256 "$o/CN=2000-bit root"
  issue rsa3072_leaf strongroot leaf_ext rsa3072 sha512 "$o/CN=3072-bit leaf"
  issue p384_leaf strongroot leaf_ext secp384r1 sha384 "$o/CN=P-384 leaf"
  # Suite B: P-256 and P-384 chains, mixed ones, a wrong digest and a non-Suite-B curve
  issue sb256 sb256 ca_ext prime256v1 sha256 "$o/CN=Suite B P-256 Root"
  issue sb256_leaf sb256 leaf_ext prime256v1 sha256 "$o/CN=P-256 leaf"
  issue sb256_sha384 sb256 leaf_ext prime256v1 sha384 "$o/CN=P-256 leaf signed with SHA-384"
  issue sb384 sb384 ca_ext secp384r1 sha384 "$o/CN=Suite B P-384 Root"
  issue sb384_leaf sb384 leaf_ext secp384r1 sha384 "$o/CN=P-384 leaf"
  issue sb384_p256 sb384 leaf_ext prime256v1 sha384 "$o/CN=P-256 leaf of P-384"
  issue sb256_p384 sb256 leaf_ext secp384r1 sha256 "$o/CN=P-384 leaf of P-256"
  issue sb521_leaf sb256 leaf_ext secp521r1 sha256 "$o/CN=P-521 leaf"
  # ECDSA with SHA-3: OpenSSL 3.0 has no signature/key pairing for it, so it never finds the issuer
  issue sha3root sha3root ca_ext prime256v1 sha3-256 "$o/CN=ECDSA SHA-3 Root"
  issue sha3leaf sha3root leaf_ext prime256v1 sha3-256 "$o/CN=ECDSA SHA-3 leaf"
  issue rsasha3root rsasha3root ca_ext rsa2048 sha3-256 "$o/CN=RSA SHA-3 Root"
  issue rsasha3leaf rsasha3root leaf_ext prime256v1 sha3-384 "$o/CN=RSA SHA-3 leaf"
  # -CAstore directory: hashed names with gaps, which -CApath does not follow
  rm -rf "$out/store"; mkdir -p "$out/store"
  local h; h=$(openssl x509 -in "$dir/root.pem" -noout -hash)
  cp "$dir/root.pem" "$out/store/$h.5"; cp "$dir/root.crl" "$out/store/$h.r3"
  h=$(openssl x509 -in "$out/strongroot.pem" -noout -hash); cp "$out/strongroot.pem" "$out/store/$h.0"
  cp "$dir/root.pem" "$out/store/not-hashed.pem"
  cat "$dir/root.pem" "$dir/root.crl" > "$out/root_and_crl.pem"
}

run_cases() {
  cd "$dir"; mkdir -p opts/expected; rm -f opts/expected/*
  while IFS=$'\t' read -r name args; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    # shellcheck disable=SC2086
    set +e; openssl verify $args > "opts/expected/$name.out" 2> "opts/expected/$name.err"; echo $? > "opts/expected/$name.rc"; set -e
  done < opts/cases.tsv
}

case "${1:-}" in
  --cases) ;;
  *) make_pki ;;
esac
run_cases
