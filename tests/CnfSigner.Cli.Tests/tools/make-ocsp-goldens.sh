#!/bin/sh
# Records the ocsp fixtures and openssl 3.0.19's outputs for OcspCommandTests (testdata/ocsp).
# A root CA, an OCSP responder certificate (OCSPSigning) and three end-entity certificates (one good, one revoked
# for keyCompromise, one revoked without reason), all valid for ten years; then openssl's request and response.
set -eu
cd "$(dirname "$0")/../testdata/ocsp"
rm -rf db expected && mkdir -p db/newcerts expected
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -subj "/CN=OCSP Test Root" -days 3650 \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
: > db/index.txt; echo 1000 > db/serial
cat > ca.cnf <<'C'
[ca]
default_ca = CA_default
[CA_default]
database = db/index.txt
new_certs_dir = db/newcerts
serial = db/serial
certificate = ca.pem
private_key = ca.key
default_md = sha256
default_days = 3650
policy = p
unique_subject = no
[p]
commonName = supplied
[usr]
basicConstraints = CA:FALSE
[ocsp]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
C
for n in a b c; do
  openssl req -new -newkey rsa:2048 -nodes -keyout db/$n.key -out db/$n.csr -subj "/CN=$n.example" 2>/dev/null
  openssl ca -batch -config ca.cnf -extensions usr -in db/$n.csr -out $n.pem 2>/dev/null
done
openssl req -new -newkey rsa:2048 -nodes -keyout ocsp.key -out db/ocsp.csr -subj "/CN=OCSP Responder" 2>/dev/null
openssl ca -batch -config ca.cnf -extensions ocsp -in db/ocsp.csr -out ocsp.pem 2>/dev/null
openssl ca -config ca.cnf -revoke b.pem -crl_reason keyCompromise 2>/dev/null
openssl ca -config ca.cnf -revoke c.pem 2>/dev/null
cp db/index.txt index.txt
rm -rf db ca.cnf

# The request (with a nonce) for a, b, c and an unknown serial; openssl's answer to it from index.txt.
openssl ocsp -issuer ca.pem -cert a.pem -cert b.pem -cert c.pem -serial 0x99 -reqout req.der
openssl ocsp -reqin req.der -index index.txt -CA ca.pem -rsigner ocsp.pem -rkey ocsp.key -respout resp.der
openssl ocsp -issuer ca.pem -cert a.pem -sha256 -serial 0x1001 -no_nonce -reqout req-sha256.der

run() { # name, args...
  name=$1; shift
  set +e; openssl ocsp "$@" > expected/$name.out 2> expected/$name.err; echo $? > expected/$name.rc; set -e
}
run req-text -reqin req.der -req_text
run req-sha256-text -reqin req-sha256.der -req_text
run resp-text -respin resp.der -resp_text -noverify
run summary -respin resp.der -reqin req.der -CAfile ca.pem
run summary-certs -respin resp.der -CAfile ca.pem -issuer ca.pem -cert a.pem -cert b.pem -cert c.pem -serial 0x99 -no_nonce
run no-ca -respin resp.der -no-CAfile -no-CApath
run no-ca-issuer -respin resp.der -no-CAfile -no-CApath -issuer ca.pem -serial 0x1000 -no_nonce
run bad-request -reqin ca.pem -index index.txt -CA ca.pem -rsigner ocsp.pem -rkey ocsp.key
run bad-response -respin ca.pem
run no-ca-file -reqin req.der -index index.txt -rsigner ocsp.pem -rkey ocsp.key
run no-issuer -cert a.pem
run trailing-digest -issuer ca.pem -cert a.pem -sha256
run port-not-number -port 127.0.0.1:2560 -index index.txt -CA ca.pem -rsigner ocsp.pem -rkey ocsp.key
run nothing-to-do
run need-request -no_nonce -respin resp.der -reqout x.der -issuer ca.pem
rm -f x.der
# Nothing above may depend on the time of recording except producedAt/thisUpdate, kept in resp.der.
