#!/usr/bin/env bash
# Regenerates the sample keys with the real openssl (3.0). Every RSA sample holds the key in base.der
# (PKCS#8 DER); the genrsa-* files are separate keys whose decrypted PKCS#8 DER is stored as *.plain.der.
# Pass phrase for every encrypted sample: test-pass
set -euo pipefail
cd "$(dirname "$0")"
P=pass:test-pass
openssl genrsa -out base.pem 1024 2>/dev/null
# pkey -outform DER would write PKCS#1 (i2d_PrivateKey); pkcs8 -nocrypt gives PKCS#8 DER
openssl pkcs8 -topk8 -nocrypt -in base.pem -outform DER -out base.der
openssl rsa -in base.pem -traditional -out rsa-pkcs1.pem 2>/dev/null
openssl rsa -in base.pem -traditional -outform DER -out rsa-pkcs1.der 2>/dev/null
for c in aes128 aes256 aria192 camellia256 des3; do
  openssl pkey -in base.pem -$c -passout $P -out pkcs8-$c.pem
  openssl rsa -in base.pem -traditional -$c -passout $P -out pkcs1-$c.pem 2>/dev/null
done
openssl pkcs8 -topk8 -in base.pem -outform DER -passout $P -out pkcs8-enc.der
openssl pkcs8 -topk8 -in base.pem -scrypt -passout $P -out pkcs8-scrypt.pem
openssl pkcs8 -topk8 -in base.pem -v2 aes-128-cbc -v2prf hmacWithSHA1 -passout $P -out pkcs8-sha1prf.pem
openssl pkcs8 -topk8 -in base.pem -v1 PBE-SHA1-3DES -passout $P -out pkcs8-v1.pem
{ echo "Some text before the key, as openssl req -text puts it"; cat base.pem; } > text-before.pem
openssl pkey -in base.pem -pubout -out public.pem
openssl rsa -in base.pem -RSAPublicKey_out -out public-pkcs1.pem 2>/dev/null
openssl pkey -in base.pem -pubout -outform DER -out public.der
for c in aes256 des3; do
  openssl genrsa -$c -passout $P -out genrsa-$c.pem 1024 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in genrsa-$c.pem -passin $P -outform DER -out genrsa-$c.plain.der
  openssl genrsa -traditional -$c -passout $P -out genrsa-trad-$c.pem 1024 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in genrsa-trad-$c.pem -passin $P -outform DER -out genrsa-trad-$c.plain.der
done
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem
openssl pkcs8 -topk8 -nocrypt -in ec.pem -outform DER -out ec.der
openssl ec -in ec.pem -out ec-trad.pem 2>/dev/null
openssl pkey -in ec.pem -pubout -out ec-public.pem
openssl genpkey -algorithm ED25519 -out ed25519.pem
openssl pkey -in ed25519.pem -pubout -out ed25519-public.pem
