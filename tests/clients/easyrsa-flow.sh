#!/usr/bin/env bash
# easy-rsa's documented flow, batch mode, with EASYRSA_OPENSSL=$OSSL; one line "STEP <name> <exit code>" per step.
#
#   easyrsa-flow.sh run   EASYRSA_SCRIPT DIR     (OSSL: the openssl-compatible binary easy-rsa is to run)
#   easyrsa-flow.sh judge EASYRSA_SCRIPT DIR     (openssl on PATH judges DIR's results: "CHECK <name> ok|FAIL")
#
# The same steps for easy-rsa 3.2 (vendored: tests/clients/easy-rsa-3.2.6) and 3.1 (Debian's /usr/share/easy-rsa),
# as far as the version has them. RSA 2048 and 512-bit DH parameters keep it short.
set -u
mode=$1 easyrsa=$2 dir=$3
mkdir -p "$dir"; cd "$dir" || exit 2
v32=false; grep -q 'revoke-issued' "$easyrsa" && v32=true

if [ "$mode" = run ]; then
  # EASYRSA_CERT_RENEW: 3.1 renews only certificates that expire within that many days.
  export EASYRSA_OPENSSL=$OSSL EASYRSA_BATCH=1 EASYRSA_KEY_SIZE=2048 EASYRSA_CERT_RENEW=1000
  step() { # name, pki, easyrsa arguments...
    local name=$1 pki=$2; shift 2
    printf '\n=== %s: easyrsa %s\n' "$name" "$*" >> log
    EASYRSA_PKI="$dir/$pki" "$easyrsa" "$@" >> log 2>&1 </dev/null
    echo "STEP $name $? ${needs:-}"
  }
  ca=(--passin=pass:capass1234)
  step init-pki pki init-pki
  step build-ca-pass pki --passout=pass:capass1234 "${ca[@]}" build-ca
  step gen-req-server pki gen-req server nopass
  step sign-req-server pki "${ca[@]}" sign-req server server
  step gen-req-client-pass pki --passout=pass:keypass1234 gen-req client1
  step sign-req-client pki "${ca[@]}" sign-req client client1
  step build-client-full pki "${ca[@]}" build-client-full client2 nopass
  step build-server-full pki "${ca[@]}" build-server-full server2 nopass
  step show-cert pki show-cert server
  step show-req pki show-req client1
  step show-ca pki show-ca
  if $v32; then step verify-cert pki verify-cert server; else step verify-cert pki verify server; fi
  if $v32; then step revoke pki "${ca[@]}" revoke-issued client2; else step revoke pki "${ca[@]}" revoke client2; fi
  step renew pki "${ca[@]}" renew server2
  step revoke-renewed pki "${ca[@]}" revoke-renewed server2
  $v32 && step expire pki expire server
  $v32 && step revoke-expired pki "${ca[@]}" revoke-expired server
  step gen-crl pki "${ca[@]}" gen-crl
  needs=pkcs12 step export-p12 pki --passin=pass:keypass1234 --passout=pass:p12pass1234 export-p12 client1
  step export-p8 pki --passin=pass:keypass1234 --passout=pass:p8pass1234 export-p8 client1
  step export-p7 pki export-p7 client1
  if $v32; then step set-pass pki --passin=pass:keypass1234 --passout=pass:newpass1234 set-pass client1
  else step set-pass pki --passin=pass:keypass1234 --passout=pass:newpass1234 set-rsa-pass client1; fi
  $v32 && step inline pki inline client1
  step gen-dh pki --keysize=512 gen-dh
  algo=--use-algo; $v32 && algo=--algo
  step init-pki-nopass pki-ec init-pki
  step build-ca-ec-nopass pki-ec $algo=ec --curve=secp384r1 build-ca nopass
  step build-server-full-ec pki-ec $algo=ec --curve=prime256v1 build-server-full ecserver nopass
  step init-pki-ed pki-ed init-pki
  step build-ca-ed pki-ed $algo=ed --curve=ed25519 build-ca nopass
  step build-client-full-ed pki-ed $algo=ed --curve=ed25519 build-client-full edclient nopass
  exit 0
fi

# judge: the real openssl on what the flow left behind.
check() { # name, command... (ok when it exits 0)
  if "${@:2}" >> judge.log 2>&1; then echo "CHECK $1 ok"; else echo "CHECK $1 FAIL"; fi
}
has() { grep -qE "^STEP $1 0( |$)" steps.txt 2>/dev/null; }
for f in pki/issued/server.crt pki/issued/client1.crt pki/issued/server2.crt; do
  [ -f "$f" ] && check "verify $(basename "$f")" openssl verify -CAfile pki/ca.crt "$f"
done
[ -f pki/expired/certs_by_serial ] || true
check "ca key is encrypted" grep -q "ENCRYPTED" pki/private/ca.key
check "ca key opens with its pass phrase" openssl pkey -in pki/private/ca.key -passin pass:capass1234 -noout
check "crl signed by the ca" openssl crl -in pki/crl.pem -CAfile pki/ca.crt -verify -noout
check "crl lists the revoked" test "$(openssl crl -in pki/crl.pem -noout -text 2>/dev/null | grep -c 'Serial Number:')" -ge 2
if has export-p12; then check "p12 opens with its password [pkcs12]" openssl pkcs12 -in pki/private/client1.p12 -info -passin pass:p12pass1234 -nokeys -noout; fi
if has export-p8; then check "p8 opens with its password" openssl pkcs8 -in pki/private/client1.p8 -passin pass:p8pass1234 -out /dev/null; fi
if has export-p7; then check "p7 holds the certificates" openssl pkcs7 -in pki/issued/client1.p7b -print_certs -noout; fi
if has set-pass; then check "set-pass changed the key's pass phrase" openssl pkey -in pki/private/client1.key -passin pass:newpass1234 -noout; fi
if has gen-dh; then check "dh parameters" openssl dhparam -in pki/dh.pem -check -noout; fi
check "ec server verifies" openssl verify -CAfile pki-ec/ca.crt pki-ec/issued/ecserver.crt
check "ec ca is secp384r1" sh -c 'openssl x509 -in pki-ec/ca.crt -noout -text | grep -q "NIST CURVE: P-384"'
check "ed client verifies" openssl verify -CAfile pki-ed/ca.crt pki-ed/issued/edclient.crt
check "ed ca is ed25519" sh -c 'openssl x509 -in pki-ed/ca.crt -noout -text | grep -q "ED25519"'
