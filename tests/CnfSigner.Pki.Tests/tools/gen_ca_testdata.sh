#!/usr/bin/env bash
# Regenerate testdata/extensions/ca-*.{crt,cnf} and leaf-*.crt with the real OpenSSL 3.0 (run from
# tests/CnfSigner.Pki.Tests). Used by DefaultKeyIdentifierTests: the leaf certificates' extensions (including
# OpenSSL's automatic subjectKeyIdentifier / authorityKeyIdentifier) are the expectations.
set -euo pipefail
d=testdata/extensions
cat > $d/ca.cnf <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
O = Cockroach
CN = Test CA
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectAltName = DNS:ca.example, email:ca@example.com
[leaf_plain]
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
[leaf_issuer_always]
authorityKeyIdentifier = keyid, issuer:always
basicConstraints = CA:FALSE
[leaf_issuer_copy]
issuerAltName = issuer:copy
subjectKeyIdentifier = none
[node_req]
subjectAltName = critical, DNS:localhost, DNS:node.example.io, IP:127.0.0.1
keyUsage = digitalSignature, keyEncipherment
[leaf_none]
authorityKeyIdentifier = none
subjectKeyIdentifier = none
keyUsage = digitalSignature
CNF
openssl req -new -x509 -key $d/ca.key -config $d/ca.cnf -extensions ca_ext -set_serial 0x1CE7 -days 3650 -out $d/ca.crt
# A v1 CA: no extension section, so no extensions at all (and no SKID).
openssl req -new -x509 -key $d/ca.key -config $d/ca.cnf -set_serial 7 -days 3650 -out $d/ca-v1.crt
openssl req -new -key $d/test.key -subj "/O=Cockroach/CN=leaf" -out $d/leaf.csr
for s in leaf_plain leaf_issuer_always leaf_issuer_copy leaf_none; do
  openssl x509 -req -in $d/leaf.csr -CA $d/ca.crt -CAkey $d/ca.key -set_serial 2 -days 30 \
    -extfile $d/ca.cnf -extensions $s -out $d/$s.crt 2>/dev/null
done
openssl x509 -req -in $d/leaf.csr -CA $d/ca-v1.crt -CAkey $d/ca.key -set_serial 3 -days 30 \
  -extfile $d/ca.cnf -extensions leaf_plain -out $d/leaf_plain_v1ca.crt 2>/dev/null
# A CSR with req_extensions-style extensions (the extensionRequest attribute is the expectation).
openssl req -new -key $d/test.key -config $d/ca.cnf -reqexts node_req -subj "/O=Cockroach" -out $d/node.csr
