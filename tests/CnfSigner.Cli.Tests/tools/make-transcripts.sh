#!/usr/bin/env bash
# Records what the real OpenSSL 3.0.x prints for "openssl x509 <args>" and "openssl crl <args>" over inputs of the
# Pki text corpus. Each case is testdata/<command>/<n>.args (the input path, then one argument a line),
# <n>.out (stdout bytes), <n>.err (stderr) and <n>.rc. OpenSSL's "<tid>:error:..." lines are dropped from .err.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="$here/../../CnfSigner.Pki.Tests/testdata/text/certs"
out="$here/../testdata/x509"
rm -rf "$out"; mkdir -p "$out/certs"
for c in node allext v1 ecp256 utf8 negbig; do cp "$corpus/$c.pem" "$out/certs/"; done
command=x509
n=0
record() { # input args...
  local input=$1; shift
  n=$((n + 1)); local id; id=$(printf '%03d' $n)
  { echo "$input"; printf '%s\n' "$@"; } > "$out/$id.args"
  set +e
  (cd "$out" && openssl $command -in "$input" "$@" > "$id.out" 2> "$id.err.raw")
  echo $? > "$out/$id.rc"
  set -e
  grep -v ':error:' "$out/$id.err.raw" > "$out/$id.err" || true
  rm "$out/$id.err.raw"
}
for c in node allext v1 ecp256 utf8 negbig; do
  c=certs/$c.pem
  record $c -noout -subject -issuer -serial -dates -enddate
  record $c -noout -fingerprint
  record $c -noout -sha256 -fingerprint
  record $c -noout -fingerprint -SHA512
  record $c -noout -ext subjectAltName
  record $c -noout -ext keyUsage,extendedKeyUsage,basicConstraints,keyUsage
  record $c -noout -hash -subject_hash -issuer_hash -subject_hash_old -issuer_hash_old
  record $c -noout -email -ocsp_uri -alias -ocspid
  record $c -noout -modulus -pubkey
  record $c -text
  record $c -noout -text -certopt no_pubkey,no_sigdump -nameopt multiline
  record $c -noout -text -certopt ca_default -certopt ext_error
  record $c -noout -text -certopt ext_dump
  record $c -noout -text -ext subjectAltName,authorityKeyIdentifier
  record $c -noout -serial -next_serial -startdate -dateopt iso_8601 -enddate
  record $c -outform DER
  record $c -noout -dates -startdate -subject -subject -nameopt RFC2253
  record $c -noout -subject -nameopt compat -issuer
  record $c -noout -subject -nameopt oneline,-esc_msb,utf8
  record $c -noout -ext extendedKeyUsage -text -certopt no_sigdump,no_pubkey
  record $c --noout --subject --nameopt=sep_semi_plus_space,lname
  record $c -noout -subject -foo
  record $c -noou
  record $c -noout -purpose -subject
done
record certs/node.pem -noout -subject -fingerprint -foo -issuer
record certs/node.pem -noout -subject -nameopt bogus
record certs/node.pem -noout -text -certopt bogus
record certs/node.pem -noout -subject extra
record certs/node.pem -noout=1
record certs/node.pem -noout -dateopt bogus -startdate
echo "x509: $n cases"

crls="$here/../../CnfSigner.Pki.Tests/testdata/text/crls"
out="$here/../testdata/crl"
# Only the transcripts are remade: the folder holds other fixtures (ca.cnf, make-golden.sh ...).
rm -rf "$out/crls" "$out"/[0-9]*.{args,out,err,rc}; mkdir -p "$out/crls"
cp "$crls"/*.pem "$out/crls/"; cp "$corpus/ca.pem" "$corpus/node.pem" "$out/crls/"
command=crl
n=0
for c in empty noreason reasons numbered; do
  c=crls/$c.pem
  record $c -noout -issuer -crlnumber -hash -hash_old -lastupdate -nextupdate -fingerprint
  record $c -noout -hash
  record $c -noout -fingerprint -sha256
  record $c -noout -nextupdate -lastupdate -issuer -nameopt RFC2253
  record $c -noout -verify -CAfile crls/ca.pem
  record $c -noout -verify -CAfile crls/node.pem
  record $c -noout -text -issuer
  record $c -text
  record $c
  record $c -outform DER
  record $c -noout -fingerprint -md5 -sha512
  record $c -noout -lastupdate -dateopt iso_8601 -nextupdate
  record $c -text -nameopt multiline -noout
done
record crls/numbered.pem -noout -fingerprint -foo
record crls/numbered.pem -noout -issuer extra
record crls/ca.pem -noout -issuer
# -badsig flips the last signature bit after -verify; the SHA-1 fingerprint is the one d2i cached before it.
record crls/numbered.pem -badsig
record crls/numbered.pem -badsig -outform DER
record crls/numbered.pem -badsig -noout -text
record crls/numbered.pem -badsig -noout -fingerprint
record crls/numbered.pem -badsig -noout -fingerprint -sha256
record crls/numbered.pem -badsig -noout -verify -CAfile crls/ca.pem
# -CApath (a hashed directory) and -CAstore (a file or a hashed directory) find the issuer as -CAfile does.
mkdir -p "$out/crls/hashed"; cp "$out/crls/ca.pem" "$out/crls/hashed/$(openssl x509 -in "$out/crls/ca.pem" -noout -hash).0"
record crls/numbered.pem -noout -verify -CApath crls/hashed
record crls/numbered.pem -noout -verify -CAstore crls/ca.pem
record crls/numbered.pem -noout -verify -CAstore crls/hashed
record crls/numbered.pem -noout -verify -CAstore crls/node.pem
record crls/numbered.pem -noout -verify -CAstore crls/missing.pem
echo "crl: $n cases"
