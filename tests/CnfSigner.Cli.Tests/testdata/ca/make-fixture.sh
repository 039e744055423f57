#!/bin/sh
# Regenerates the committed CA fixtures with the real OpenSSL 3.0.x: run from this directory, then re-record the
# side-by-side goldens (CNFSIGNER_RECORD_OPENSSL=1 dotnet test --filter "FullyQualifiedName~Cli.Tests.Ca|FullyQualifiedName~X509Signing").
#   seed/        the seed CA (configs/ca.cnf, ca.key, ca.crt), leaf.key, requests, an empty database
#   revocation/  seed/ whose database openssl has filled: a.crt ... d.crt are serials 01-04 (/O=Cockroach/CN=a ...);
#                outsider.crt (serial 0A, /O=Cockroach/CN=a) and mismatch.crt (serial 01, /O=Cockroach/CN=other) are
#                signed by the same CA but are not in the database.
# Certificates last 10 years so the fixture does not expire under the tests.
set -e
here=$(pwd)
rm -rf seed revocation && mkdir seed
cd seed
cp ../../../../../configs/ca.cnf ca.cnf
openssl genrsa -out ca.key 2048 2>/dev/null
openssl req -new -x509 -config ca.cnf -key ca.key -out ca.crt -days 3650 -batch
openssl genrsa -out leaf.key 2048 2>/dev/null
csr() { openssl req -new -key leaf.key -subj "$2" -out "$1"; }
csr node.csr /O=Cockroach
csr root.csr /O=Cockroach/CN=root
csr onlycn.csr /CN=onlycn
csr other.csr /O=Other/CN=x
csr reorder.csr /CN=foo/O=Cockroach/OU=eng/C=US
openssl req -new -key leaf.key -subj /O=Cockroach/CN=ca-wannabe -addext basicConstraints=critical,CA:TRUE \
  -addext subjectAltName=DNS:a.example -out wantsca.csr
openssl req -new -key leaf.key -subj /O=Cockroach/CN=san -addext subjectAltName=DNS:a.example \
  -addext keyUsage=keyEncipherment -out san.csr
: > index.txt
echo 01 > serial.txt
cd "$here"

cp -r seed revocation
sign() { # dir name subject
  (cd "$1" && mkdir -p certs && openssl req -new -key leaf.key -subj "$3" -out "$2.csr" &&
   openssl ca -config ca.cnf -keyfile ca.key -cert ca.crt -policy signing_policy -extensions signing_node_req \
     -outdir certs/ -batch -notext -days 3650 -in "$2.csr" -out "$2.crt" 2>/dev/null && rm -rf certs)
}
for n in a b c d; do sign revocation $n /O=Cockroach/CN=$n; done
for spec in outsider:0A:/O=Cockroach/CN=a mismatch:01:/O=Cockroach/CN=other; do
  name=${spec%%:*}; rest=${spec#*:}; serial=${rest%%:*}; subject=${rest#*:}
  side=$(mktemp -d); cp seed/* "$side"; echo "$serial" > "$side/serial.txt"
  sign "$side" "$name" "$subject"; cp "$side/$name.crt" revocation/; rm -rf "$side"
done
openssl version > openssl-version.txt
