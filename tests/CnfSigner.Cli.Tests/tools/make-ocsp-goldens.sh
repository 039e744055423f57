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

# The jamielinux.com tutorial's layout: root CA, intermediate CA, OCSP responder and server certificates issued
# by the intermediate, the intermediate's index with the server certificate revoked (keyCompromise).
t=tutorial
rm -rf $t && mkdir -p $t/private $t/intermediate/certs $t/intermediate/private $t/intermediate/newcerts
openssl req -x509 -newkey rsa:2048 -nodes -keyout $t/private/ca.key.pem -out $t/ca.cert.pem -days 7300 -sha256 \
  -subj "/C=GB/O=Alice Ltd/CN=Alice Ltd Root CA" -addext "keyUsage=critical,digitalSignature,cRLSign,keyCertSign" 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout $t/intermediate/private/intermediate.key.pem -out $t/int.csr \
  -subj "/C=GB/O=Alice Ltd/CN=Alice Ltd Intermediate CA" 2>/dev/null
printf 'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,digitalSignature,cRLSign,keyCertSign\n' > $t/int.ext
openssl x509 -req -in $t/int.csr -CA $t/ca.cert.pem -CAkey $t/private/ca.key.pem -set_serial 0x1000 -days 3650 -sha256 \
  -extfile $t/int.ext -out $t/intermediate/certs/intermediate.cert.pem 2>/dev/null
cat $t/intermediate/certs/intermediate.cert.pem $t/ca.cert.pem > $t/intermediate/certs/ca-chain.cert.pem
: > $t/intermediate/index.txt; echo 1000 > $t/intermediate/serial
cat > $t/int.cnf <<'C'
[ca]
default_ca = CA_default
[CA_default]
dir = intermediate
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
certificate = $dir/certs/intermediate.cert.pem
private_key = $dir/private/intermediate.key.pem
default_md = sha256
default_days = 3000
policy = p
unique_subject = no
[p]
commonName = supplied
[server_cert]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
[ocsp]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
C
(cd $t
 for n in ocsp.example.com test.example.com www.example.com; do
   openssl req -new -newkey rsa:2048 -nodes -keyout intermediate/private/$n.key.pem -out $n.csr -subj "/C=GB/O=Alice Ltd/CN=$n" 2>/dev/null
   ext=server_cert; [ $n = ocsp.example.com ] && ext=ocsp
   openssl ca -batch -config int.cnf -extensions $ext -in $n.csr -out intermediate/certs/$n.cert.pem 2>/dev/null
 done
 openssl ca -config int.cnf -revoke intermediate/certs/test.example.com.cert.pem -crl_reason keyCompromise 2>/dev/null
 rm -rf *.csr int.* private intermediate/newcerts intermediate/serial* intermediate/index.txt.* \
   intermediate/private/intermediate.key.pem intermediate/private/test.example.com.key.pem intermediate/private/www.example.com.key.pem)
# The tutorial's responder command as printed: OpenSSL 3.0 refuses "-port 127.0.0.1:2560" (a number is wanted)
# and a digest option with no -cert after it.
(cd $t
 set +e
 openssl ocsp -port 127.0.0.1:2560 -text -sha256 -index intermediate/index.txt -CA intermediate/certs/ca-chain.cert.pem \
   -rkey intermediate/private/ocsp.example.com.key.pem -rsigner intermediate/certs/ocsp.example.com.cert.pem -nrequest 1 \
   > ../expected/tutorial-responder.out 2> ../expected/tutorial-responder.err; echo $? > ../expected/tutorial-responder.rc
 openssl ocsp -port 2560 -text -sha256 -index intermediate/index.txt -CA intermediate/certs/ca-chain.cert.pem \
   -rkey intermediate/private/ocsp.example.com.key.pem -rsigner intermediate/certs/ocsp.example.com.cert.pem -nrequest 1 \
   > ../expected/tutorial-responder-port.out 2> ../expected/tutorial-responder-port.err; echo $? > ../expected/tutorial-responder-port.rc
 set -e
 # The client's request and openssl's answer in file mode, for the client's summary.
 openssl ocsp -issuer intermediate/certs/intermediate.cert.pem -cert intermediate/certs/test.example.com.cert.pem \
   -cert intermediate/certs/www.example.com.cert.pem -reqout req.der
 openssl ocsp -reqin req.der -index intermediate/index.txt -CA intermediate/certs/ca-chain.cert.pem \
   -rkey intermediate/private/ocsp.example.com.key.pem -rsigner intermediate/certs/ocsp.example.com.cert.pem -respout resp.der
 openssl ocsp -CAfile intermediate/certs/ca-chain.cert.pem -respin resp.der -reqin req.der -resp_text \
   -issuer intermediate/certs/intermediate.cert.pem -cert intermediate/certs/test.example.com.cert.pem \
   -cert intermediate/certs/www.example.com.cert.pem -no_nonce > ../expected/tutorial-client.out 2> ../expected/tutorial-client.err
 echo $? > ../expected/tutorial-client.rc)
# Nothing above may depend on the time of recording except producedAt/thisUpdate, kept in resp.der.
