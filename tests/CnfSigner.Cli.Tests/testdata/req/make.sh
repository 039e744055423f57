#!/bin/bash
# Regenerates expected/ from the real openssl (3.0.19 was used): for every case of corpus/cases.txt, the DER
# output (-outform DER) and the -text -noout dump, each run in a fresh copy of corpus/.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf expected && mkdir expected
while IFS='|' read -r -a row; do
  [[ ${#row[@]} -eq 0 || ${row[0]} == \#* ]] && continue
  name=${row[0]}; args=("${row[@]:1}")
  work=$(mktemp -d); cp -r corpus/. "$work"
  (cd "$work" && openssl req "${args[@]}" -outform DER -out out.der 2>err.txt </dev/null && openssl req "${args[@]}" -text -noout >text.txt 2>/dev/null </dev/null)
  cp "$work/out.der" "expected/$name.der"; cp "$work/text.txt" "expected/$name.txt"; cp "$work/err.txt" "expected/$name.err"
  rm -rf "$work"
done < corpus/cases.txt
openssl version > expected/VERSION
