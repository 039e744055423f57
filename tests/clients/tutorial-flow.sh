#!/usr/bin/env bash
# Jamie Nguyen's "OpenSSL Certificate Authority" tutorial (https://jamielinux.com/docs/openssl-certificate-authority/)
# run as printed, with `openssl` on PATH being $OSSL, every prompt answered on a pseudo-terminal (pty-answer.py): the
# root pair, the intermediate pair, the chain, a server and a client certificate, revocation and the CRL, the OCSP
# responder and query (only when OCSP=yes), plus rsa -check and pkcs12 -export. /root/ca is the run directory; keys
# are 2048 bits (the tutorial's root and intermediate keys are 4096) to keep CI short.
#
#   tutorial-flow.sh run TUTORIAL_DIR DIR  |  tutorial-flow.sh judge TUTORIAL_DIR DIR   ("CHECK <name> ok|FAIL")
set -u
mode=$1 tut=$2 dir=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"; cd "$dir" || exit 2

if [ "$mode" = run ]; then
  mkdir -p bin; ln -sf "$OSSL" bin/openssl; export PATH=$dir/bin:$PATH
  step() { # name, needs (or -), prompt/answer pairs..., --, command...
    local name=$1 needs=$2; shift 2
    local pairs=(); while [ "$1" != -- ]; do pairs+=("$1"); shift; done; shift
    printf '\n=== %s: %s\n' "$name" "$*" >> log
    "${PYTHON:-python3}" "$here/pty-answer.py" log "${pairs[@]}" -- "$@"
    echo "STEP $name $? $needs"
  }
  newpass=("Enter PEM pass phrase:" secretpassword "Verifying - Enter PEM pass phrase:" secretpassword)
  dn() { # Country, State, Locality, Organization, Unit, Common Name, Email as the tutorial answers them
    printf '%s\n' "Country Name" "" "State or Province Name" "" "Locality Name" "" "Organization Name" "" \
      "Organizational Unit Name" "$1" "Common Name" "$2" "Email Address" ""
  }
  yy=("Sign the certificate?" y "commit?" y)
  rootpass=("Enter pass phrase for $dir/private/ca.key.pem:" secretpassword)
  intpass=("Enter pass phrase for $dir/intermediate/private/intermediate.key.pem:" secretpassword)

  # Create the root pair.
  mkdir certs crl newcerts private; chmod 700 private; touch index.txt; echo 1000 > serial
  sed "s|/root/ca|$dir|" "$tut/root-openssl.cnf" > openssl.cnf
  step root-genrsa - "${newpass[@]}" -- openssl genrsa -aes256 -out private/ca.key.pem 2048
  chmod 400 private/ca.key.pem
  mapfile -t a < <(dn "Alice Ltd Certificate Authority" "Alice Ltd Root CA")
  step root-req-x509 - "Enter pass phrase for private/ca.key.pem:" secretpassword "${a[@]}" -- \
    openssl req -config openssl.cnf -key private/ca.key.pem -new -x509 -days 7300 -sha256 -extensions v3_ca -out certs/ca.cert.pem
  chmod 444 certs/ca.cert.pem
  step root-x509-text - -- openssl x509 -noout -text -in certs/ca.cert.pem

  # Create the intermediate pair.
  mkdir intermediate; (cd intermediate && mkdir certs crl csr newcerts private && chmod 700 private && touch index.txt \
    && echo 1000 > serial); echo 1000 > intermediate/crlnumber
  sed "s|/root/ca|$dir|" "$tut/intermediate-openssl.cnf" > intermediate/openssl.cnf
  step int-genrsa - "${newpass[@]}" -- openssl genrsa -aes256 -out intermediate/private/intermediate.key.pem 2048
  chmod 400 intermediate/private/intermediate.key.pem
  mapfile -t a < <(dn "Alice Ltd Certificate Authority" "Alice Ltd Intermediate CA")
  step int-req - "Enter pass phrase for intermediate/private/intermediate.key.pem:" secretpassword "${a[@]}" -- \
    openssl req -config intermediate/openssl.cnf -new -sha256 -key intermediate/private/intermediate.key.pem \
      -out intermediate/csr/intermediate.csr.pem
  step int-ca-sign - "${rootpass[@]}" "${yy[@]}" -- openssl ca -config openssl.cnf -extensions v3_intermediate_ca \
    -days 3650 -notext -md sha256 -in intermediate/csr/intermediate.csr.pem -out intermediate/certs/intermediate.cert.pem
  chmod 444 intermediate/certs/intermediate.cert.pem
  step int-x509-text - -- openssl x509 -noout -text -in intermediate/certs/intermediate.cert.pem
  step int-verify - -- openssl verify -CAfile certs/ca.cert.pem intermediate/certs/intermediate.cert.pem
  cat intermediate/certs/intermediate.cert.pem certs/ca.cert.pem > intermediate/certs/ca-chain.cert.pem
  chmod 444 intermediate/certs/ca-chain.cert.pem

  # Sign server and client certificates.
  step server-genrsa - "${newpass[@]}" -- openssl genrsa -aes256 -out intermediate/private/www.example.com.key.pem 2048
  chmod 400 intermediate/private/www.example.com.key.pem
  mapfile -t a < <(dn "Alice Ltd Web Services" "www.example.com")
  step server-req - "Enter pass phrase for intermediate/private/www.example.com.key.pem:" secretpassword "${a[@]}" -- \
    openssl req -config intermediate/openssl.cnf -key intermediate/private/www.example.com.key.pem -new -sha256 \
      -out intermediate/csr/www.example.com.csr.pem
  step server-ca-sign - "${intpass[@]}" "${yy[@]}" -- openssl ca -config intermediate/openssl.cnf -extensions server_cert \
    -days 375 -notext -md sha256 -in intermediate/csr/www.example.com.csr.pem -out intermediate/certs/www.example.com.cert.pem
  chmod 444 intermediate/certs/www.example.com.cert.pem
  step server-x509-text - -- openssl x509 -noout -text -in intermediate/certs/www.example.com.cert.pem
  step server-verify - -- openssl verify -CAfile intermediate/certs/ca-chain.cert.pem intermediate/certs/www.example.com.cert.pem
  step server-rsa-check - "Enter pass phrase for intermediate/private/www.example.com.key.pem:" secretpassword -- \
    openssl rsa -noout -check -in intermediate/private/www.example.com.key.pem
  step server-pkcs12 pkcs12 "Enter pass phrase for intermediate/private/www.example.com.key.pem:" secretpassword \
    "Enter Export Password:" exportpass "Verifying - Enter Export Password:" exportpass -- \
    openssl pkcs12 -export -in intermediate/certs/www.example.com.cert.pem \
      -inkey intermediate/private/www.example.com.key.pem -certfile intermediate/certs/ca-chain.cert.pem \
      -out intermediate/private/www.example.com.p12
  step client-genrsa - -- openssl genrsa -out intermediate/private/bob@example.com.key.pem 2048
  mapfile -t a < <(dn "" "bob@example.com")
  step client-req - "${a[@]}" -- openssl req -config intermediate/openssl.cnf -key intermediate/private/bob@example.com.key.pem \
    -new -sha256 -out intermediate/csr/bob@example.com.csr.pem
  step client-ca-sign - "${intpass[@]}" "${yy[@]}" -- openssl ca -config intermediate/openssl.cnf -extensions usr_cert \
    -days 375 -notext -md sha256 -in intermediate/csr/bob@example.com.csr.pem -out intermediate/certs/bob@example.com.cert.pem
  step client-verify - -- openssl verify -CAfile intermediate/certs/ca-chain.cert.pem intermediate/certs/bob@example.com.cert.pem

  # Certificate revocation lists.
  step gencrl-empty - "${intpass[@]}" -- openssl ca -config intermediate/openssl.cnf -gencrl -out intermediate/crl/intermediate.crl.pem
  step crl-text-empty - -- openssl crl -in intermediate/crl/intermediate.crl.pem -noout -text
  step revoke-client - "${intpass[@]}" -- openssl ca -config intermediate/openssl.cnf -revoke intermediate/certs/bob@example.com.cert.pem
  step gencrl - "${intpass[@]}" -- openssl ca -config intermediate/openssl.cnf -gencrl -out intermediate/crl/intermediate.crl.pem
  step crl-text - -- openssl crl -in intermediate/crl/intermediate.crl.pem -noout -text

  # Online Certificate Status Protocol.
  step ocsp-genrsa - -- openssl genrsa -out intermediate/private/ocsp.example.com.key.pem 2048
  mapfile -t a < <(dn "Alice Ltd Certificate Authority" "ocsp.example.com")
  step ocsp-req - "${a[@]}" -- openssl req -config intermediate/openssl.cnf -new -sha256 \
    -key intermediate/private/ocsp.example.com.key.pem -out intermediate/csr/ocsp.example.com.csr.pem
  step ocsp-ca-sign - "${intpass[@]}" "${yy[@]}" -- openssl ca -config intermediate/openssl.cnf -extensions ocsp -days 375 \
    -notext -md sha256 -in intermediate/csr/ocsp.example.com.csr.pem -out intermediate/certs/ocsp.example.com.cert.pem
  if [ "${OCSP:-no}" = yes ]; then
    port=$((20000 + RANDOM % 20000))
    openssl ocsp -port 127.0.0.1:$port -text -sha256 -index intermediate/index.txt -CA intermediate/certs/ca-chain.cert.pem \
      -rkey intermediate/private/ocsp.example.com.key.pem -rsigner intermediate/certs/ocsp.example.com.cert.pem \
      -nrequest 2 >> ocsp-responder.log 2>&1 &
    responder=$!; sleep 1
    for who in www.example.com bob@example.com; do
      step "ocsp-query-$who" ocsp -- openssl ocsp -CAfile intermediate/certs/ca-chain.cert.pem -url "http://127.0.0.1:$port" \
        -resp_text -issuer intermediate/certs/intermediate.cert.pem -cert "intermediate/certs/$who.cert.pem"
    done
    kill "$responder" 2>/dev/null; wait "$responder" 2>/dev/null
  fi
  exit 0
fi

check() { if "${@:2}" >> judge.log 2>&1; then echo "CHECK $1 ok"; else echo "CHECK $1 FAIL"; fi; }
chain=intermediate/certs/ca-chain.cert.pem
check "root key is AES-256 encrypted" grep -q "ENCRYPTED" private/ca.key.pem
check "root self-signed, 7300 days" sh -c 'openssl verify -CAfile certs/ca.cert.pem certs/ca.cert.pem && openssl x509 -in certs/ca.cert.pem -noout -checkend 630000000'
check "intermediate verifies, pathlen:0" sh -c 'openssl verify -CAfile certs/ca.cert.pem intermediate/certs/intermediate.cert.pem && openssl x509 -in intermediate/certs/intermediate.cert.pem -noout -ext basicConstraints | grep -q "pathlen:0"'
check "server verifies for ssl server" openssl verify -purpose sslserver -CAfile $chain intermediate/certs/www.example.com.cert.pem
check "client verifies for ssl client" openssl verify -purpose sslclient -CAfile $chain intermediate/certs/bob@example.com.cert.pem
check "crl signed by the intermediate, client revoked" sh -c "openssl crl -in intermediate/crl/intermediate.crl.pem -CAfile $chain -verify -noout && openssl verify -crl_check -CRLfile intermediate/crl/intermediate.crl.pem -CAfile $chain intermediate/certs/bob@example.com.cert.pem 2>&1 | grep -q 'certificate revoked'"
check "crlnumber advanced twice" grep -qx 1002 intermediate/crlnumber
check "p12 opens with its password [pkcs12]" openssl pkcs12 -in intermediate/private/www.example.com.p12 -info -passin pass:exportpass -nokeys -noout
check "ocsp signer verifies" openssl verify -purpose ocsphelper -CAfile $chain intermediate/certs/ocsp.example.com.cert.pem
if grep -q '^STEP ocsp-query' steps.txt 2>/dev/null; then
  check "ocsp: server good [ocsp]" grep -q "www.example.com.cert.pem: good" log
  check "ocsp: client revoked [ocsp]" grep -q "bob@example.com.cert.pem: revoked" log
fi
