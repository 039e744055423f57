#!/usr/bin/env bash
# Fixtures and goldens for issue #12 (EC, Ed25519, Ed448 and RSA-PSS signatures), made with the real openssl 3.0.
# Keys come from CnfSigner.Pki.Tests/testdata/keys (make.sh, make-sigalg.sh). Two CAs, EC P-256 and Ed25519, sign
# an RSA, an EC and an Ed25519 request with `ca`, `x509 -req` and `req -x509`; every output and its text dump is kept.
# Ed25519 signatures are deterministic, so cnfsigner must reproduce the Ed25519 CA's outputs byte for byte (its
# clock set to the notBefore in the golden); ECDSA and RSA-PSS ones are random: their TBS parts must match.
set -euo pipefail
cd "$(dirname "$0")"
K=../../../CnfSigner.Pki.Tests/testdata/keys
cp $K/base.pem leaf-rsa.key; cp $K/ec.pem leaf-ec.key; cp $K/ed25519.pem leaf-ed25519.key
for k in ed448 ec-p384 ec-p521 ec-secp256k1 rsa-pss rsa-pss-restricted ec-unknown-curve; do cp $K/$k.pem $k.key; done
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca-ec.key
openssl genpkey -algorithm ED25519 -out ca-ed25519.key
for ca in ec ed25519; do
  openssl req -x509 -key ca-$ca.key -subj "/O=Sigalg/CN=$ca CA" -days 3650 -set_serial 1 \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out ca-$ca.crt
done
for k in leaf-rsa leaf-ec leaf-ed25519 ed448 ec-p384 ec-p521 ec-secp256k1 rsa-pss rsa-pss-restricted; do
  openssl req -new -key $k.key -subj "/O=Sigalg/CN=$k" -addext subjectAltName=DNS:$k.example -out $k.csr
  openssl req -in $k.csr -noout -text > $k.csr.txt
done
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = CA_default
[ CA_default ]
database = index.txt
new_certs_dir = .
serial = serial
crlnumber = crlnumber
default_md = default
policy = policy_anything
unique_subject = no
default_days = 30
default_crl_days = 7
copy_extensions = copy
x509_extensions = leaf
[ policy_anything ]
organizationName = optional
commonName = supplied
[ leaf ]
basicConstraints = CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
printf '[ leaf ]\nbasicConstraints = CA:FALSE\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n' > leaf.ext
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for ca in ec ed25519; do
  rm -rf "$work"/*; cp ca.cnf "$work"; touch "$work/index.txt"; echo 10 > "$work/serial"; echo 01 > "$work/crlnumber"
  for leaf in rsa ec ed25519; do
    openssl x509 -req -in leaf-$leaf.csr -CA ca-$ca.crt -CAkey ca-$ca.key -set_serial 2 -days 30 \
      -extfile leaf.ext -extensions leaf -out x509.$ca.$leaf.crt 2>/dev/null
    openssl req -in leaf-$leaf.csr -x509 -CA ca-$ca.crt -CAkey ca-$ca.key -set_serial 3 -days 30 \
      -config ca.cnf -extensions leaf -out req.$ca.$leaf.crt
    (cd "$work" && openssl ca -config ca.cnf -batch -keyfile "$OLDPWD/ca-$ca.key" -cert "$OLDPWD/ca-$ca.crt" \
      -startdate 20260101000000Z -enddate 20270101000000Z -in "$OLDPWD/leaf-$leaf.csr" -out out.pem 2>/dev/null)
    cp "$work/out.pem" ca.$ca.$leaf.pem
    for c in x509 req; do openssl x509 -in $c.$ca.$leaf.crt -noout -text > $c.$ca.$leaf.crt.txt; done
    openssl x509 -in x509.$ca.$leaf.crt -noout -modulus -pubkey -fingerprint -sha256 -subject_hash -ocspid > x509.$ca.$leaf.crt.outputs
  done
  # The revocation date is "now": the index is kept so the CRL can be made again from it.
  (cd "$work" && openssl ca -config ca.cnf -keyfile "$OLDPWD/ca-$ca.key" -cert "$OLDPWD/ca-$ca.crt" \
    -revoke 11.pem -crl_reason keyCompromise 2>/dev/null)
  cp "$work/index.txt" index.$ca.txt
  (cd "$work" && openssl ca -config ca.cnf -gencrl -keyfile "$OLDPWD/ca-$ca.key" -cert "$OLDPWD/ca-$ca.crt" \
    -crl_lastupdate 20260201000000Z -crl_nextupdate 20260301000000Z -out crl.pem 2>/dev/null)
  cp "$work/crl.pem" crl.$ca.pem
  openssl crl -in crl.$ca.pem -noout -text > crl.$ca.pem.txt
done
