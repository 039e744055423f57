#!/usr/bin/env bash
# Regenerates testdata/names/*.csr with the real openssl: one CSR per row of testdata/names/cases.tsv.
# The tests compare the subject DER of each CSR with what NameBuilder/SubjectParser build from the same input.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$here/testdata/names
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
openssl genrsa -out "$tmp/k.pem" 1024 2>/dev/null
while IFS=$'\t' read -r name mode mask utf8 input; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  {
    echo "[req]"
    [[ "$mask" != "-" ]] && echo "string_mask = $mask"
    [[ "$utf8" == "yes" ]] && echo "utf8 = yes"
    echo "prompt = no"
    echo "distinguished_name = dn"
    echo "[dn]"
    if [[ "$mode" == cnf ]]; then tr '|' '\n' <<<"$input"; else echo "CN=unused"; fi
  } > "$tmp/c.cnf"
  args=(-new -key "$tmp/k.pem" -config "$tmp/c.cnf" -out "$dir/$name.csr")
  [[ "$mode" == subj ]] && args+=(-subj "$input")
  [[ "$utf8" == yes && "$mode" == subj ]] && args+=(-utf8)
  openssl req "${args[@]}" 2>"$dir/$name.stderr" || true
  [[ -s "$dir/$name.stderr" ]] || rm -f "$dir/$name.stderr"
done < "$dir/cases.tsv"
