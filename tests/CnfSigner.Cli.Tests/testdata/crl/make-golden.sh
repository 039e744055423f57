#!/bin/sh
# Regenerates the golden CRL with the real OpenSSL 3.0.x: run from this directory.
# Inputs: ca.cnf (the seed config plus crlnumber and crl_extensions), index.txt, crlnumber.txt.
# Outputs: ca.key, ca.crt, expected.crl.pem, expected.crlnumber.txt.
set -e
work=$(mktemp -d)
openssl genrsa -out ca.key 2048 2>/dev/null
openssl req -new -x509 -config ca.cnf -key ca.key -out ca.crt -days 3650 -batch -set_serial 1
cp ca.cnf ca.key ca.crt index.txt crlnumber.txt "$work"
(cd "$work" && openssl ca -config ca.cnf -keyfile ca.key -cert ca.crt -gencrl \
  -crl_lastupdate 20260101000000Z -crl_nextupdate 20270101000000Z -out crl.pem)
cp "$work/crl.pem" expected.crl.pem
cp "$work/crlnumber.txt" expected.crlnumber.txt
rm -rf "$work"
openssl version > openssl-version.txt
