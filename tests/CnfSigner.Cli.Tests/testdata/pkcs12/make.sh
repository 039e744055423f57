#!/usr/bin/env bash
# Records openssl pkcs12 (3.0.19) for PKCS12GoldenTests: fixed keys and certificates, .p12 files made by openssl
# in each form, and what `openssl pkcs12` prints for each line of cases.txt (expected/NAME.out, .err, .rc).
# Run from anywhere: bash make.sh. Keys and certificates are kept when present (the .p12 files depend on them).
set -uo pipefail
cd "$(dirname "$0")"
if [ ! -f ca.crt ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -subj "/CN=Test CA" -days 36500 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/O=Cockroach/CN=node" 2>/dev/null
  openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -set_serial 2 -out leaf.crt -days 36500 2>/dev/null
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key
  openssl req -new -x509 -key ec.key -subj "/CN=ec" -out ec.crt -days 36500
  openssl genpkey -algorithm ED25519 -out ed.key
  openssl req -new -x509 -key ed.key -subj "/CN=ed" -out ed.crt -days 36500
  rm -f leaf.csr
fi
P="-passout pass:secret"
openssl pkcs12 -export -in leaf.crt -inkey leaf.key -certfile ca.crt -name "my node" -caname "the ca" $P -out default.p12
openssl pkcs12 -export -in leaf.crt -inkey leaf.key -certfile ca.crt -name "my node" -caname "the ca" $P -legacy -out legacy.p12
openssl pkcs12 -export -in leaf.crt -inkey leaf.key -certfile ca.crt $P -descert -out descert.p12
openssl pkcs12 -export -in leaf.crt -inkey leaf.key $P -nomac -out nomac.p12
openssl pkcs12 -export -in leaf.crt -inkey leaf.key $P -certpbe NONE -out certpbe-none.p12
openssl pkcs12 -export -in leaf.crt -inkey leaf.key -name "a very long friendly name here" $P -keypbe NONE -certpbe NONE -LMK -CSP "my csp" -keyex -out attributes.p12
openssl pkcs12 -export -in ec.crt -inkey ec.key $P -macalg sha512 -iter 1000 -out ec.p12
openssl pkcs12 -export -in ed.crt -inkey ed.key -passout pass: -out ed-empty-password.p12
mkdir -p expected
rm -f expected/*
while IFS='|' read -r name args; do
  [ -z "$name" ] && continue
  case "$name" in \#*) continue;; esac
  # shellcheck disable=SC2086
  openssl pkcs12 $args > "expected/$name.out" 2> "expected/$name.err"
  echo $? > "expected/$name.rc"
done < cases.txt
