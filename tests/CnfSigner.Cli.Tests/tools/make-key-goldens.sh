#!/bin/sh
# Regenerates tests/CnfSigner.Cli.Tests/testdata/keys with OpenSSL 3.0.19: fixed input keys, then every
# deterministic output of the key commands (help, list_curves, text dumps, public keys, conversions).
# The case list (cases.txt) is "name|args" with {in} standing for testdata/keys; outputs go to expected/NAME.out.
set -e
cd "$(dirname "$0")/../testdata/keys"
[ -f rsa.pem ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa.pem
[ -f ec.pem ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem
[ -f ec384.pem ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp384r1 -out ec384.pem
[ -f ed25519.pem ] || openssl genpkey -algorithm ED25519 -out ed25519.pem
[ -f ed448.pem ] || openssl genpkey -algorithm ED448 -out ed448.pem
[ -f x25519.pem ] || openssl genpkey -algorithm X25519 -out x25519.pem
[ -f pss.pem ] || openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:1024 -out pss.pem
[ -f rsa-enc.pem ] || openssl pkey -in rsa.pem -aes256 -passout pass:secret -out rsa-enc.pem
[ -f ec-trad-enc.pem ] || openssl ec -in ec.pem -aes128 -passout pass:secret -out ec-trad-enc.pem 2>/dev/null
openssl pkey -in rsa.pem -pubout -out rsa-pub.pem
openssl pkey -in ec.pem -pubout -out ec-pub.pem
head -c 200 rsa.pem > truncated.pem
mkdir -p expected
while IFS='|' read -r name args; do
    [ -z "$name" ] && continue
    # shellcheck disable=SC2086
    openssl $(echo "$args" | sed "s|{in}|.|g") > "expected/$name.out" 2>/dev/null || true
done < cases.txt
for c in genpkey ecparam pkey rsa ec pkcs8; do openssl $c -help 2> "expected/help-$c.out" || true; done
