#!/bin/sh
# Records OpenSSL 3.0.19's standard error for key generation commands into testdata/keygen-progress/NAME.stderr
# (the progress characters of its BN_GENCB callbacks with the lines around them). cases.txt is "name|args",
# run in a scratch directory holding req.cnf. KeygenProgressTests compares cnfsigner's stderr with these.
set -e
here="$(cd "$(dirname "$0")/../testdata/keygen-progress" && pwd)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$here/req.cnf" "$scratch/"
while IFS='|' read -r name args; do
    [ -n "$name" ] || continue
    # shellcheck disable=SC2086
    (cd "$scratch" && openssl $args >/dev/null 2>"$here/$name.stderr")
    rm -f "$scratch/k.pem" "$scratch/r.csr" "$scratch/dh.pem"
done < "$here/cases.txt"
