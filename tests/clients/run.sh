#!/usr/bin/env bash
# A real client's flow run twice, once with the real openssl and once with cnfsigner in its place; every step's exit
# code must match, and the real openssl judges what cnfsigner made (each check that passes on openssl's results must
# pass on cnfsigner's).
#
#   tests/clients/run.sh CLIENT CNFSIGNER [--without-openssl]
#
# CLIENT: easyrsa-3.2 (vendored here), easyrsa-3.1 (Debian's easy-rsa package), capl (OpenSSL's CA.pl, answers typed
# on a pseudo-terminal), tutorial (the root and intermediate CA tutorial, prompts answered the same way).
# --without-openssl: cnfsigner's run happens where libssl/libcrypto and openssl cannot be used
# (tests/aot/without-openssl.sh); the openssl run and the judging happen outside.
# Prints "PASS|FAIL step ..." and "PASS|FAIL check ..." lines and a summary; exit 0 when all match, 1 if not,
# 77 when this machine cannot run it (client or openssl missing, no namespace).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
client=$1 bin=$2 without=${3:-}
[ -x "$bin" ] || { echo "FAIL: not an executable: $bin"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v openssl >/dev/null || { echo "SKIP: openssl is missing: nothing to compare with"; exit 77; }
# The pty driver's interpreter: the system's python3 (a version manager's shim costs a process chain per step).
PYTHON=$(command -v /usr/bin/python3 python3 | head -1); export PYTHON
[ -n "$PYTHON" ] || { echo "SKIP: python3 is missing (the pty driver)"; exit 77; }
case $client in
  easyrsa-3.2) flow=easyrsa-flow.sh arg=$here/easy-rsa-3.2.6/easyrsa ;;
  easyrsa-3.1) flow=easyrsa-flow.sh arg=/usr/share/easy-rsa/easyrsa ;;
  capl) flow=capl-flow.sh arg=/usr/lib/ssl/misc/CA.pl ;;
  tutorial) flow=tutorial-flow.sh arg=$here/tutorial ;;
  *) echo "FAIL: unknown client $client"; exit 1 ;;
esac
[ -e "$arg" ] || { echo "SKIP: $arg is missing"; exit 77; }

# Commands other branches are still building: a step or check that needs one cnfsigner lacks is PENDING, not FAIL.
missing=()
for cmd in pkcs12 ocsp; do "$bin" $cmd -help >/dev/null 2>&1 || missing+=("$cmd"); done
probe=$("$bin" x509 -in /dev/null -x509toreq 2>&1)
if grep -qi "unknown option\|not supported" <<<"$probe"; then missing+=(x509toreq); fi
pending() { local m; for m in "${missing[@]}"; do [ "$m" = "$1" ] && return 0; done; return 1; }
export OCSP=yes; pending ocsp && OCSP=no

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir "$work/openssl" "$work/cnfsigner"
OSSL=$(command -v openssl) bash "$here/$flow" run "$arg" "$work/openssl" > "$work/openssl/steps.txt"
if [ "$without" = --without-openssl ]; then
  OSSL=$bin "$here/../aot/without-openssl.sh" bash "$here/$flow" run "$arg" "$work/cnfsigner" \
    > "$work/cnfsigner/steps.txt" 2> "$work/inside.txt"
  rc=$?
  cat "$work/inside.txt"
  [ $rc -eq 77 ] && exit 77
  grep -q "inside: openssl version fails" "$work/inside.txt" || { echo "FAIL: openssl was not shown to fail inside"; exit 1; }
else
  OSSL=$bin bash "$here/$flow" run "$arg" "$work/cnfsigner" > "$work/cnfsigner/steps.txt"
fi
for side in openssl cnfsigner; do bash "$here/$flow" judge "$arg" "$work/$side" > "$work/$side/checks.txt"; done

steps=0 same=0 checks=0 good=0 waiting=0
while read -r _ name theirs needs; do
  ours=$(awk -v n="$name" '$1 == "STEP" && $2 == n {print $3}' "$work/cnfsigner/steps.txt")
  if [ "$ours" = "$theirs" ]; then steps=$((steps + 1)) same=$((same + 1)); echo "PASS step $name (exit $theirs)"
  elif [ -n "$needs" ] && pending "$needs"; then waiting=$((waiting + 1)); echo "PENDING step $name: needs $needs"
  else steps=$((steps + 1)); echo "FAIL step $name: openssl exit $theirs, cnfsigner exit ${ours:-none}"; fi
done < <(grep '^STEP ' "$work/openssl/steps.txt")
while read -r _ name; do
  name=${name% ok}
  needs=$(sed -n 's/.*\[\(.*\)\]$/\1/p' <<<"$name")
  if grep -qxF "CHECK $name ok" "$work/cnfsigner/checks.txt"; then checks=$((checks + 1)) good=$((good + 1)); echo "PASS check $name"
  elif [ -n "$needs" ] && pending "$needs"; then waiting=$((waiting + 1)); echo "PENDING check $name"
  else checks=$((checks + 1)); echo "FAIL check $name"; fi
done < <(grep ' ok$' "$work/openssl/checks.txt")
if [ $same -ne $steps ] || [ $good -ne $checks ]; then
  echo "--- cnfsigner's log (tail)"; tail -n 80 "$work/cnfsigner/log"
fi
echo "$client: $same of $steps steps as openssl, $good of $checks checks by openssl, $waiting pending (${missing[*]:-none} missing)${without:+ (cnfsigner without openssl)}"
[ $steps -gt 0 ] && [ $same -eq $steps ] && [ $good -eq $checks ]
