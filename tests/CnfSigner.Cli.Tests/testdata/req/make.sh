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
# Prompted runs: stdin answers, exit code, stderr transcript and (when made) the DER.
while IFS='|' read -r -a row; do
  [[ ${#row[@]} -eq 0 || ${row[0]} == \#* ]] && continue
  name=prompt-${row[0]}; answers=${row[1]}; args=("${row[@]:2}")
  work=$(mktemp -d); cp -r corpus/. "$work"
  (cd "$work" && { rc=0; printf '%b' "$answers" | openssl req "${args[@]}" -outform DER -out out.der 2>err.txt || rc=$?; echo $rc > rc.txt; })
  cp "$work/err.txt" "expected/$name.err"; cp "$work/rc.txt" "expected/$name.rc"
  if [[ -f "$work/out.der" ]]; then cp "$work/out.der" "expected/$name.der"; fi
  rm -rf "$work"
done < corpus/prompts.txt
# Failures: exit code and stderr, run where out.pem and keep.key already exist.
while IFS='|' read -r -a row; do
  [[ ${#row[@]} -eq 0 || ${row[0]} == \#* ]] && continue
  name=fail-${row[0]}; args=("${row[@]:1}")
  work=$(mktemp -d); cp -r corpus/. "$work"
  (cd "$work" && { echo untouched > out.pem; echo untouched > keep.key; rc=0
                   openssl req "${args[@]}" </dev/null >/dev/null 2>err.txt || rc=$?; echo $rc > rc.txt; })
  cp "$work/err.txt" "expected/$name.err"; cp "$work/rc.txt" "expected/$name.rc"
  rm -rf "$work"
done < corpus/failures.txt
# Printing: stdout, stderr and exit code ("stdin-request" reads node.csr on standard input).
while IFS='|' read -r -a row; do
  [[ ${#row[@]} -eq 0 || ${row[0]} == \#* ]] && continue
  name=out-${row[0]}; args=("${row[@]:1}")
  work=$(mktemp -d); cp -r corpus/. "$work"
  (cd "$work" && { rc=0; openssl req "${args[@]}" <node.csr >out.txt 2>err.txt || rc=$?; echo $rc > rc.txt; })
  for f in out err rc; do cp "$work/$f.txt" "expected/$name.$f"; done
  rm -rf "$work"
done < corpus/outputs.txt
openssl req -help 2> expected/help.txt || true
openssl version > expected/VERSION
