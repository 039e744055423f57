#!/usr/bin/env bash
# Regenerates ../testdata/golden/*.dump from the real OpenSSL (libcrypto) via confdump.c.
# Each top-level *.cnf there is loaded from inside that folder (relative includes resolve from the current
# directory, as in OpenSSL), with only the environment in env.txt plus <name>.env if present, under a file
# descriptor limit of 1024 with only stdin, stdout and stderr open: that fixes where a self-include stops.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
golden="$here/../testdata/golden"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -Wall -o "$work/confdump" "$here/confdump.c" -lcrypto
cd "$golden"
for cnf in *.cnf; do
  base=${cnf%.cnf}
  mapfile -t env < env.txt
  [ -f "$base.env" ] && mapfile -t -O "${#env[@]}" env < "$base.env"
  env -i "${env[@]}" bash -c '
    ulimit -n 1024
    for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null
    exec "$0" "$1"' "$work/confdump" "$cnf" > "$base.dump" || true
done
echo "regenerated $(ls *.dump | wc -l) dumps with $(openssl version 2>/dev/null || echo 'libcrypto')"
