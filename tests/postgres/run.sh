#!/usr/bin/env bash
# PostgreSQL as a real peer for the certificates `cnfsigner cockroach all` makes from configs/:
# a server with ssl on node.crt/node.key and ca.crt, `hostssl all all 127.0.0.1/32 cert clientcert=verify-full`,
# started on 127.0.0.1 on a free port as an unprivileged user; psql with sslmode=verify-full and client.root.crt must
# log in as root, and a client certificate (or a host name) the server does not vouch for must be refused.
# Usage: CNFSIGNER="dotnet path/to/cnfsigner.dll" bash tests/postgres/run.sh
# Last line: "postgres: N passed, M failed"; exit 0 only when every check passed.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cnfsigner=${CNFSIGNER:-"dotnet $repo/src/CnfSigner.Cli/bin/Release/net10.0/cnfsigner.dll"}
passed=0; failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /'; failed=$((failed + 1)); }
finish() { echo "postgres: $passed passed, $failed failed"; [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]; exit $?; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then fail "PostgreSQL server binaries not found under /usr/lib/postgresql"; finish; fi
# PostgreSQL refuses to run as root: use a throw-away unprivileged account.
run_as=()
if [ "$(id -u)" -eq 0 ]; then pguser=nobody; run_as=(runuser -u "$pguser" --); fi

work=$(mktemp -d); chmod 755 "$work"
data=$work/data; sock=$work/sock; mkdir -p "$data" "$sock"
[ ${#run_as[@]} -gt 0 ] && chown "$pguser" "$data" "$sock"
cleanup() { "${run_as[@]}" "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT

# The certificates: the README's main job, twice (the second CA is a stranger with the same name).
for ws in ours theirs; do
  if ! out=$($cnfsigner cockroach all -configs "$repo/configs" -dir "$work/$ws" 2>&1); then fail "cnfsigner cockroach all ($ws)" "$out"; finish; fi
done
pass "cnfsigner cockroach all made two clusters' certificates"

for f in ca.crt node.crt node.key; do cp "$work/ours/node-certs/$f" "$data/$f.src"; done
"${run_as[@]}" "$bin/initdb" -D "$data/db" -U root --auth-local=trust >"$work/initdb.log" 2>&1 || { fail initdb "$(tail -5 "$work/initdb.log")"; finish; }
db=$data/db
install -m 600 "$data/node.key.src" "$db/server.key"; cp "$data/node.crt.src" "$db/server.crt"; cp "$data/ca.crt.src" "$db/root.crt"
[ ${#run_as[@]} -gt 0 ] && chown "$pguser" "$db/server.key" "$db/server.crt" "$db/root.crt"

port=0
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
cat >>"$db/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'root.crt'
CONF
cat >"$db/pg_hba.conf" <<HBA
local   all  all                trust
hostssl all  all  127.0.0.1/32  cert clientcert=verify-full
HBA
if "${run_as[@]}" "$bin/pg_ctl" -D "$db" -l "$data/server.log" -w -t 30 start >"$data/pg_ctl.out" 2>&1; then
  pass "postgres started with ssl on node.crt/node.key on 127.0.0.1:$port"
else
  fail "postgres start" "$(tail -5 "$data/pg_ctl.out" "$data/server.log" 2>&1)"; finish
fi

conn() { # $1 = workspace, $2 = host name to verify
  echo "host=$2 hostaddr=127.0.0.1 port=$port dbname=postgres user=root sslmode=verify-full sslrootcert=$work/ours/client-certs/ca.crt sslcert=$work/$1/client-certs/client.root.crt sslkey=$work/$1/client-certs/client.root.key"
}

out=$(psql "$(conn ours localhost)" -Atc "select current_user || ' ' || ssl from pg_stat_ssl join pg_stat_activity using (pid) where pid = pg_backend_pid()" 2>&1)
if [ "$out" = "root true" ]; then pass "psql sslmode=verify-full with client.root.crt logs in as root over TLS"; else fail "psql with client.root.crt" "$out"; fi

out=$(psql "$(conn ours node.example.io)" -Atc "select 1" 2>&1)
if [ "$out" = "1" ]; then pass "verify-full accepts node.example.io (a DNS SAN of node.crt)"; else fail "verify-full for node.example.io" "$out"; fi

out=$(psql "$(conn ours db.example.com)" -Atc "select 1" 2>&1)
if [[ "$out" == *"does not match host name \"db.example.com\""* ]]; then pass "verify-full refuses db.example.com (not in the SAN)"; else fail "verify-full must refuse db.example.com" "$out"; fi

out=$(psql "$(conn theirs localhost)" -Atc "select 1" 2>&1)
if [ $? -ne 0 ] && [[ "$out" == *"unknown ca"* || "$out" == *"certificate verify failed"* ]]; then
  pass "a client certificate from another CA is refused: $(printf %s "$out" | tr "\n" " " | cut -c1-160)"
else
  fail "a client certificate from another CA must be refused" "$out"
fi

out=$(psql "host=localhost hostaddr=127.0.0.1 port=$port dbname=postgres user=root sslmode=verify-full sslrootcert=$work/ours/client-certs/ca.crt" -Atc "select 1" 2>&1)
if [ $? -ne 0 ]; then pass "a connection without a client certificate is refused"; else fail "no client certificate must be refused" "$out"; fi

if "${run_as[@]}" "$bin/pg_ctl" -D "$db" -m fast -w stop >/dev/null 2>&1; then pass "postgres stopped"; else fail "postgres stop"; fi
finish
