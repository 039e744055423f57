#!/bin/sh
# Makes the inputs (once) and the golden outputs of testdata/clients with the real openssl (3.0.19):
# every line of cases.txt is "name: args"; a trailing "<FILE" feeds FILE on standard input.
# golden/NAME.out holds openssl's stdout bytes, NAME.err its stderr, NAME.rc its exit code.
# Run from anywhere: sh tests/CnfSigner.Cli.Tests/tools/make-client-goldens.sh
set -eu
cd "$(dirname "$0")/../testdata/clients"
openssl version > openssl-version.txt

if [ ! -f k.pem ]; then
  printf 'abc' > a.txt
  openssl rand 2500 > b.bin
  openssl genrsa -out k.pem 2048 2>/dev/null
  openssl pkey -in k.pem -pubout -out pub.pem
  openssl ecparam -name prime256v1 -genkey -noout -out ec.pem
  openssl pkey -in ec.pem -pubout -out ecpub.pem
  openssl dgst -sha256 -sign k.pem -out s.bin a.txt
  openssl dgst -sha256 -sign ec.pem -out ecs.bin a.txt
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -subj /CN=Clients-CA -days 3650 -out ca.pem 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -keyout leaf.key -subj /CN=leaf -days 3650 -out leaf.pem 2>/dev/null
  cat ca.pem leaf.pem > both.pem
  cp ../crl/crls/empty.pem crl.pem
  openssl crl -in crl.pem -outform DER -out crl.der
  openssl dhparam -out dh512.pem 512 2>/dev/null
  openssl dhparam -in dh512.pem -outform DER -out dh512.der
  openssl enc -aes-256-cbc -pbkdf2 -pass pass:secret -in b.bin -out b.aes
  openssl enc -aes-128-ctr -md sha1 -pass pass:secret -a -in b.bin -out b.ctr.b64 2>/dev/null
  openssl enc -a -in b.bin -out b.b64
  printf 'junk line\n!!!\naGVsbG8=\n' > junk64.txt
  printf 'aGVsbG8=\n!!!\n' > bad64.txt
  printf 'aGVsbG8\n' > short64.txt
  printf 'aGVsbG8=\n-----END\nd29y\n' > end64.txt
  # DH parameters that fail -check: p prime but not safe, g = 1, a 256-bit safe prime.
  python3 - <<'PY'
import subprocess
def enc(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, 'big')
    return b'\x02' + (bytes([len(b)]) if len(b) < 128 else b'\x81' + bytes([len(b)])) + b
def seq(*xs):
    body = b''.join(xs)
    return b'\x30' + (bytes([len(body)]) if len(body) < 128 else b'\x81' + bytes([len(body)])) + body
prime = lambda *a: int(subprocess.run(['openssl', 'prime', '-generate', '-hex', *a], capture_output=True, text=True).stdout, 16)
q = prime('-bits', '512')
open('dh_notsafe.der', 'wb').write(seq(enc(q), enc(2)))
open('dh_g1.der', 'wb').write(seq(enc(q), enc(1)))
open('dh_small.der', 'wb').write(seq(enc(prime('-bits', '256', '-safe')), enc(2)))
open('dh_notprime.der', 'wb').write(seq(enc(q * 3), enc(2)))
PY
fi

rm -f golden/*
grep -v '^#' cases.txt | grep -v '^$' | while IFS= read -r line; do
  name=${line%%:*}
  args=${line#*: }
  input=/dev/null
  case "$args" in *" <"*) input=${args##* <}; args=${args% <*} ;; esac
  # shellcheck disable=SC2086
  set +e; openssl $args < "$input" > "golden/$name.out" 2> "golden/$name.err"; echo $? > "golden/$name.rc"; set -e
done
