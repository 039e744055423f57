#!/usr/bin/env bash
# The seed workflow (CockroachDB "Create Security Certificates using Openssl", steps 1-3 and 5) run by the native
# cnfsigner on a machine without OpenSSL's libraries, then judged by the real openssl outside.
#
#   tests/aot/run-without-openssl.sh [CNFSIGNER_BINARY]      (default: $CNFSIGNER_AOT)
#
# Inside tests/aot/without-openssl.sh's mount namespace (needs root) every libssl.so*, libcrypto.so* and the openssl
# program are covered by an empty file, and `openssl version` is shown to fail there before the workflow runs.
# Exit 0: passed; 1: failed; 77: cannot run here (not root, no unshare, no openssl to judge, no binary).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
configs="$here/../../configs"
bin=${1:-${CNFSIGNER_AOT:-}}

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

[ -n "$bin" ] || skip "no binary given (argument or CNFSIGNER_AOT)"
[ -x "$bin" ] || fail "not an executable: $bin"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v openssl >/dev/null || skip "openssl is missing: nothing to judge the results with"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$configs"/ca.cnf "$configs"/node.cnf "$configs"/client.cnf "$work"/
# Step 5's client.cnf: the guide's second user (roach), with no [ extensions ].
printf '[ req ]\nprompt=no\ndistinguished_name = distinguished_name\n\n[ distinguished_name ]\norganizationName = Cockroach\ncommonName = roach\n' \
  > "$work/client2.cnf"

cat > "$work/inside.sh" <<'INSIDE'
set -euo pipefail
bin=$1
cnfsigner() { "$bin" "$@"; }

# Step 1: the CA.
mkdir node-certs client-certs my-safe-directory
cnfsigner genrsa -out my-safe-directory/ca.key 2048
chmod 400 my-safe-directory/ca.key
cnfsigner req -new -x509 -config ca.cnf -key my-safe-directory/ca.key -out node-certs/ca.crt -days 365 -batch
rm -f index.txt serial.txt
touch index.txt
echo '01' > serial.txt

# Step 2: the first node.
cnfsigner genrsa -out node-certs/node.key 2048
chmod 400 node-certs/node.key
cnfsigner req -new -config node.cnf -key node-certs/node.key -out node.csr -batch
cnfsigner ca -config ca.cnf -keyfile my-safe-directory/ca.key -cert node-certs/ca.crt -policy signing_policy \
  -extensions signing_node_req -out node-certs/node.crt -outdir node-certs/ -in node.csr -batch

# Step 3: the first user (root).
cp node-certs/ca.crt client-certs
cnfsigner genrsa -out client-certs/client.root.key 2048
chmod 400 client-certs/client.root.key
cnfsigner req -new -config client.cnf -key client-certs/client.root.key -out client.root.csr -batch
cnfsigner ca -config ca.cnf -keyfile my-safe-directory/ca.key -cert client-certs/ca.crt -policy signing_policy \
  -extensions signing_client_req -out client-certs/client.root.crt -outdir client-certs/ -in client.root.csr -batch

# Step 5: a second user (roach).
cnfsigner genrsa -out client-certs/client.roach.key 2048
chmod 400 client-certs/client.roach.key
cnfsigner req -new -config client2.cnf -key client-certs/client.roach.key -out client.roach.csr -batch
cnfsigner ca -config ca.cnf -keyfile my-safe-directory/ca.key -cert client-certs/ca.crt -policy signing_policy \
  -extensions signing_client_req -out client-certs/client.roach.crt -outdir client-certs/ -in client.roach.csr -batch
echo "inside: workflow done"

# The same with EC keys (BouncyCastle's own EC code draws from a parameterless SecureRandom: Pki/Ec/EcPoints):
# key generation three ways, an ECDSA-signed CA certificate and request, `ca` with the EC CA key, verify, dgst.
mkdir ec && cp ca.cnf node.cnf ec/ && cd ec
touch index.txt && echo '01' > serial.txt
cnfsigner genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
cnfsigner ecparam -name secp384r1 -genkey -out node.key
cnfsigner ecparam -name secp521r1 -out p521.pem
cnfsigner req -newkey ec:p521.pem -nodes -keyout other.key -subj /CN=other -out other.csr
cnfsigner req -new -x509 -config ca.cnf -key ca.key -out ca.crt -days 365 -batch
cnfsigner req -new -config node.cnf -key node.key -out node.csr -batch
cnfsigner req -verify -noout -in node.csr
cnfsigner ca -config ca.cnf -keyfile ca.key -cert ca.crt -policy signing_policy -extensions signing_node_req \
  -out node.crt -outdir . -in node.csr -batch
cnfsigner verify -CAfile ca.crt node.crt
echo data > data.txt
cnfsigner dgst -sha384 -sign node.key -out data.sig data.txt
cnfsigner dgst -sha384 -prverify node.key -signature data.sig data.txt
cnfsigner ec -in ca.key -pubout -out ca.pub
cd ..
echo "inside: EC workflow done"
INSIDE

cd "$work" || fail "no work dir"
# tests/aot/without-openssl.sh: a private mount namespace where libssl, libcrypto and openssl are covered.
"$here/without-openssl.sh" bash "$work/inside.sh" "$bin" > inside.log 2>&1
rc=$?
[ $rc -eq 77 ] && { cat inside.log; exit 77; }
cat inside.log
[ $rc -eq 0 ] || fail "the workflow failed inside the namespace (exit $rc)"
grep -q "inside: openssl version fails" inside.log || fail "openssl was not shown to fail inside"
openssl version >/dev/null 2>&1 || fail "openssl does not work outside either"

# Judged outside by the real openssl.
errors=0
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "NOT OK: $1"; echo "  expected: $2"; echo "  actual:   $3"; errors=$((errors + 1)); fi
}
check "verify node and both clients against the CA" \
  "$(printf 'node-certs/node.crt: OK\nclient-certs/client.root.crt: OK\nclient-certs/client.roach.crt: OK')" \
  "$(openssl verify -CAfile node-certs/ca.crt node-certs/node.crt client-certs/client.root.crt client-certs/client.roach.crt 2>&1)"
check "step 2.5: node SAN" \
  "$(printf '            X509v3 Subject Alternative Name: critical\n                DNS:localhost, DNS:node.example.io, IP Address:127.0.0.1')" \
  "$(openssl x509 -in node-certs/node.crt -text | grep "X509v3 Subject Alternative Name" -A 1)"
check "step 3.6: root's names" \
  "$(printf '        Issuer: O = Cockroach, CN = Cockroach CA\n        Subject: O = Cockroach, CN = root')" \
  "$(openssl x509 -in client-certs/client.root.crt -text | grep -E '^ *(Issuer|Subject): ')"
check "step 5.5: roach's names" \
  "$(printf '        Issuer: O = Cockroach, CN = Cockroach CA\n        Subject: O = Cockroach, CN = roach')" \
  "$(openssl x509 -in client-certs/client.roach.crt -text | grep -E '^ *(Issuer|Subject): ')"
check "CA certificate is a CA" "CA:TRUE, pathlen:1" \
  "$(openssl x509 -in node-certs/ca.crt -noout -ext basicConstraints | sed -n 2p | tr -d ' ' | sed 's/,/, /')"
for key in my-safe-directory/ca.key node-certs/node.key client-certs/client.root.key client-certs/client.roach.key; do
  check "$key passes rsa -check" "RSA key ok" "$(openssl rsa -check -noout -in "$key" 2>&1)"
  check "$key is 2048 bits" "Private-Key: (2048 bit, 2 primes)" "$(openssl rsa -in "$key" -noout -text 2>/dev/null | head -1)"
  check "$key mode after chmod 400" "400" "$(stat -c %a "$key")"
done
for csr in node.csr client.root.csr client.roach.csr; do
  check "$csr signature" "Certificate request self-signature verify OK" "$(openssl req -verify -noout -in "$csr" 2>&1)"
done
check "serial file" "04" "$(cat serial.txt)"
check "database rows" "$(printf 'V\t01\t/O=Cockroach\nV\t02\t/O=Cockroach/CN=root\nV\t03\t/O=Cockroach/CN=roach')" \
  "$(cut -f1,4,6 index.txt)"
check "01.pem is node.crt" "same" "$(cmp -s node-certs/01.pem node-certs/node.crt && echo same)"

check "EC: node certificate against the EC CA" "ec/node.crt: OK" "$(openssl verify -CAfile ec/ca.crt ec/node.crt 2>&1)"
for key in ec/ca.key ec/node.key ec/other.key; do
  check "$key passes ec -check" "EC Key valid." "$(openssl ec -check -noout -in "$key" 2>&1 | tail -1)"
done
check "EC: other.csr signature" "Certificate request self-signature verify OK" "$(openssl req -verify -noout -in ec/other.csr 2>&1)"
check "EC: dgst -sign signature" "Verified OK" \
  "$(openssl dgst -sha384 -prverify ec/node.key -signature ec/data.sig ec/data.txt 2>&1)"
check "EC: public key" "$(openssl ec -in ec/ca.key -pubout 2>/dev/null)" "$(cat ec/ca.pub)"

[ $errors -eq 0 ] || fail "$errors check(s) failed"
echo "PASS: seed workflow (and its EC variant) by $bin without libssl/libcrypto, judged by $(openssl version)"
