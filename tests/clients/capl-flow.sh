#!/usr/bin/env bash
# OpenSSL's CA.pl with OPENSSL=$OSSL, every answer (pass phrases, DN fields, y/y) typed on a pseudo-terminal when
# its prompt appears (pty-answer.py); Debian's openssl.cnf as CA.pl expects. One line "STEP <name> <exit>" a step.
#
#   capl-flow.sh run   CA.pl DIR     |     capl-flow.sh judge CA.pl DIR   (openssl on PATH: "CHECK <name> ok|FAIL")
set -u
mode=$1 capl=$2 dir=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"; cd "$dir" || exit 2

if [ "$mode" = run ]; then
  export OPENSSL=$OSSL
  step() { # name, CA.pl arguments..., --, prompt/answer pairs...
    local name=$1 args=() ; shift
    while [ "$1" != -- ]; do args+=("$1"); shift; done; shift
    printf '\n=== %s: CA.pl %s\n' "$name" "${args[*]}" >> log
    "${PYTHON:-python3}" "$here/pty-answer.py" log "$@" -- perl "$capl" "${args[@]}"
    echo "STEP $name $? ${needs:-}"
  }
  dn() { # the DN prompts of Debian's openssl.cnf: defaults taken, CN given
    printf '%s\n' "Country Name" "" "State or Province Name" "" "Locality Name" "" "Organization Name" "" \
      "Organizational Unit Name" "" "Common Name" "$1" "Email Address" ""
  }
  mapfile -t ca_dn < <(dn "CA.pl Root")
  mapfile -t server_dn < <(dn "server.example")
  mapfile -t client_dn < <(dn "client.example")
  mapfile -t self_dn < <(dn "self.example")
  extra=("A challenge password" "" "An optional company name" "")
  cakey=("Enter pass phrase for ./demoCA/private/cakey.pem:" capass1234)
  yy=("Sign the certificate?" y "commit?" y)
  step newca -newca -- "CA certificate filename" "" "Enter PEM pass phrase:" capass1234 \
    "Verifying - Enter PEM pass phrase:" capass1234 "${ca_dn[@]}" "${extra[@]}" "${cakey[@]}"
  step newreq -newreq -- "Enter PEM pass phrase:" keypass1234 "Verifying - Enter PEM pass phrase:" keypass1234 \
    "${server_dn[@]}" "${extra[@]}"
  step sign -sign -- "${cakey[@]}" "${yy[@]}"
  step verify -verify -- 
  needs=pkcs12 step pkcs12 -pkcs12 "Server cert" -- "Enter pass phrase for newkey.pem:" keypass1234 \
    "Enter Export Password:" p12pass1234 "Verifying - Enter Export Password:" p12pass1234
  step revoke -revoke newcert.pem keyCompromise -- "${cakey[@]}"
  step crl -crl -- "${cakey[@]}"
  step newreq-nodes -newreq-nodes -- "${client_dn[@]}" "${extra[@]}"
  step xsign -xsign -- "${cakey[@]}" "${yy[@]}"
  step newcert -newcert -- "Enter PEM pass phrase:" selfpass1234 "Verifying - Enter PEM pass phrase:" selfpass1234 \
    "${self_dn[@]}"
  cat newcert.pem newkey.pem > newreq.pem
  needs=x509toreq step signcert -signcert -- "Enter pass phrase for newreq.pem:" selfpass1234 "${cakey[@]}" "${yy[@]}"
  needs=x509toreq step verify-signcert -verify newcert.pem --
  exit 0
fi

check() { if "${@:2}" >> judge.log 2>&1; then echo "CHECK $1 ok"; else echo "CHECK $1 FAIL"; fi; }
check "ca key is encrypted" grep -q ENCRYPTED demoCA/private/cakey.pem
check "ca is self-signed CA:TRUE" sh -c 'openssl verify -CAfile demoCA/cacert.pem demoCA/cacert.pem && openssl x509 -in demoCA/cacert.pem -noout -ext basicConstraints | grep -q "CA:TRUE"'
check "every issued certificate verifies" sh -c 'openssl verify -CAfile demoCA/cacert.pem demoCA/newcerts/*.pem'
check "three issued by -newca, -sign, -xsign" test -n "$(ls demoCA/newcerts/*.pem 2>/dev/null | sed -n 3p)"
check "a fourth by -signcert [x509toreq]" test -n "$(ls demoCA/newcerts/*.pem 2>/dev/null | sed -n 4p)"
check "crl signed by the ca, one revoked" sh -c 'openssl crl -in demoCA/crl/crl.pem -CAfile demoCA/cacert.pem -verify -noout -text | grep -c "Serial Number:" | grep -qx 1'
check "crl reason keyCompromise" sh -c 'openssl crl -in demoCA/crl/crl.pem -noout -text | grep -q "Key Compromise"'
check "p12 opens with its password [pkcs12]" openssl pkcs12 -in newcert.p12 -info -passin pass:p12pass1234 -nokeys -noout
check "xsign printed a certificate" grep -q "BEGIN CERTIFICATE" log
check "signcert kept the subject [x509toreq]" sh -c 'openssl x509 -in newcert.pem -noout -subject | grep -q "CN = self.example"'
