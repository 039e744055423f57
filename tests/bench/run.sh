#!/usr/bin/env bash
# Benchmarks: the native cnfsigner against the real openssl, side by side on this machine, in one run.
#
#   tests/bench/run.sh [CNFSIGNER_BINARY]
#
# Without an argument it uses $CNFSIGNER_AOT, or publishes the native executable to artifacts/aot/ first.
# ROWS="a d g" runs only those rows (default: all). RUNS (default 11) sets the repetitions of the quick measurements; the two tools alternate run by run so that a
# change in machine load hits both alike. Prints medians (with min..max, the noise), ratios cnfsigner/openssl and
# peak resident memory, then a Markdown table. Needs bash, awk, GNU time (/usr/bin/time) and openssl.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
RUNS=${RUNS:-11}
bin=${1:-${CNFSIGNER_AOT:-}}
if [ -z "$bin" ]; then
  bin="$repo/artifacts/aot/cnfsigner"
  [ -x "$bin" ] || dotnet publish "$repo/src/CnfSigner.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$repo/artifacts/aot" >&2
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v openssl >/dev/null || { echo "openssl is needed as the other side" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$repo"/configs/ca.cnf "$repo"/configs/node.cnf "$repo"/configs/client.cnf "$work"/
cd "$work"
rows=(); mem_rows=(); declare -A sign_ratio
# ROWS="a g" runs only those rows (letters as in the table; f, peak memory, comes with each row's own figures)
want() { [ -z "${ROWS:-}" ] || [[ " $ROWS " == *" $1 "* ]]; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# median and min..max of the numbers on stdin
stats() { sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%s %s %s\n", m, a[1], a[NR]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
verdict() { awk -v r="$1" -v t="$2" -v op="$3" 'BEGIN {print ((op == "le" ? r <= t : r >= t) ? "met" : "NOT met")}'; }
# peak resident set size in KiB of one run
peak_kb() { /usr/bin/time -f %M -o "$work/.time" "$@" >/dev/null 2>&1 || echo "failed: $*" >&2; tail -1 "$work/.time"; }

# time_pair NAME RUNS PREPARE CMD_CNFSIGNER CMD_OPENSSL: both commands RUNS times, alternating; PREPARE runs
# (untimed) before each command, with the tool's name as its argument.
time_pair() {
  local name=$1 runs=$2 prepare=$3 ours=$4 theirs=$5 i t0
  : > "$work/.ours"; : > "$work/.theirs"
  for ((i = 0; i < runs; i++)); do
    $prepare cnfsigner; t0=$(now_ms)
    eval "$ours" >/dev/null 2>&1 || { echo "failed: $ours" >&2; exit 1; }
    echo $(($(now_ms) - t0)) >> "$work/.ours"
    $prepare openssl; t0=$(now_ms)
    eval "$theirs" >/dev/null 2>&1 || { echo "failed: $theirs" >&2; exit 1; }
    echo $(($(now_ms) - t0)) >> "$work/.theirs"
  done
  read -r om omin omax < <(stats < "$work/.ours")
  read -r tm tmin tmax < <(stats < "$work/.theirs")
  LAST_RATIO=$(ratio "$om" "$tm")
  printf '%-34s cnfsigner %7s ms (%s..%s)   openssl %7s ms (%s..%s)   ratio %s\n' \
    "$name" "$om" "$omin" "$omax" "$tm" "$tmin" "$tmax" "$LAST_RATIO"
  LAST_OURS=$om; LAST_THEIRS=$tm
}
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); } # what, cnfsigner, openssl, ratio, target, verdict
nothing() { :; }

echo "cnfsigner: $bin"
echo "openssl:   $(openssl version)"
load_start=$(cut -d' ' -f1-3 /proc/loadavg); started=$(date +%s)
echo "machine:   $(nproc) cores, load average at start $load_start, RUNS=$RUNS"
echo

# A CA to work with, made by openssl.
mkdir -p ca && openssl genrsa -out ca/ca.key 2048 2>/dev/null
openssl req -new -x509 -config ca.cnf -key ca/ca.key -out ca/ca.crt -days 3650 -batch
openssl genrsa -out ca/leaf.key 2048 2>/dev/null

if want a; then
# (a) start-up
if "$bin" x509 -in ca/ca.crt -noout -subject >/dev/null 2>&1; then
  startup_ours="\"$bin\" x509 -in ca/ca.crt -noout -subject"; startup_label="x509 -noout -subject"
else
  startup_ours="\"$bin\" conf -in ca.cnf"; startup_label="start-up (cnfsigner conf*)"
  echo "note: cnfsigner has no x509 command yet: its start-up is timed with 'conf -in ca.cnf'"
fi
time_pair "$startup_label" $((RUNS * 3)) nothing "$startup_ours" "openssl x509 -in ca/ca.crt -noout -subject"
row "(a) $startup_label" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "≤ 1.5" "$(verdict "$LAST_RATIO" 1.5 le)"
m_ours=$(eval peak_kb "$startup_ours"); m_theirs=$(peak_kb openssl x509 -in ca/ca.crt -noout -subject)
mem_rows+=("| start-up | $m_ours | $m_theirs | $(ratio "$m_ours" "$m_theirs") |")

fi

if want b; then
# (b) genrsa: the time to find a prime varies widely from run to run (prime gaps), so more runs than elsewhere
for bits in 2048 4096; do
  runs=$((RUNS * 3)); [ "$bits" -eq 4096 ] && runs=$((RUNS + 2))
  time_pair "genrsa $bits" "$runs" nothing "\"$bin\" genrsa -out k.pem $bits" "openssl genrsa -out k.pem $bits"
  row "(b) genrsa $bits" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "≤ 1.2" "$(verdict "$LAST_RATIO" 1.2 le)"
done
m_ours=$(peak_kb "$bin" genrsa -out k.pem 2048); m_theirs=$(peak_kb openssl genrsa -out k.pem 2048)
mem_rows+=("| genrsa 2048 | $m_ours | $m_theirs | $(ratio "$m_ours" "$m_theirs") |")

fi

if want c; then
# (c) the seed workflow: steps 1-3 and 5 (four keys, CA certificate, three requests, three signings)
workflow() {
  local tool=$1
  rm -rf wf && mkdir -p wf && cp ca.cnf node.cnf client.cnf wf/ && cd wf
  mkdir node-certs client-certs my-safe-directory
  $tool genrsa -out my-safe-directory/ca.key 2048 && chmod 400 my-safe-directory/ca.key
  $tool req -new -x509 -config ca.cnf -key my-safe-directory/ca.key -out node-certs/ca.crt -days 365 -batch
  touch index.txt && echo 01 > serial.txt
  $tool genrsa -out node-certs/node.key 2048 && chmod 400 node-certs/node.key
  $tool req -new -config node.cnf -key node-certs/node.key -out node.csr -batch
  $tool ca -config ca.cnf -keyfile my-safe-directory/ca.key -cert node-certs/ca.crt -policy signing_policy \
    -extensions signing_node_req -out node-certs/node.crt -outdir node-certs/ -in node.csr -batch
  cp node-certs/ca.crt client-certs
  for user in root roach; do
    sed "s/^commonName = .*/commonName = $user/" client.cnf > client.$user.cnf
    $tool genrsa -out client-certs/client.$user.key 2048 && chmod 400 client-certs/client.$user.key
    $tool req -new -config client.$user.cnf -key client-certs/client.$user.key -out client.$user.csr -batch
    $tool ca -config ca.cnf -keyfile my-safe-directory/ca.key -cert client-certs/ca.crt -policy signing_policy \
      -extensions signing_client_req -out client-certs/client.$user.crt -outdir client-certs/ -in client.$user.csr -batch
  done
  cd ..
}
time_pair "seed workflow (steps 1-3, 5)" "$(((RUNS + 1) / 2))" nothing "workflow \"$bin\"" "workflow openssl"
row "(c, h) seed workflow (whole flow)" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "≤ 1.0" "$(verdict "$LAST_RATIO" 1 le)"
openssl verify -CAfile wf/node-certs/ca.crt wf/node-certs/node.crt wf/client-certs/client.*.crt >/dev/null

fi

if want d; then
# (d) one signing into a database of N rows
openssl req -new -config node.cnf -key ca/leaf.key -out leaf.csr -batch
make_db() { # rows -> db-N/index.txt, serial.txt
  mkdir -p "db-$1"
  awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "V\t281125000000Z\t\t%06X\tunknown\t/O=Cockroach/CN=user%d\n", i, i }' > "db-$1/index.txt"
  printf '%06X\n' $(($1 + 1)) > "db-$1/serial.txt"
}
sign_once() { # tool rows
  (cd run && $1 ca -config ../ca.cnf -keyfile ../ca/ca.key -cert ../ca/ca.crt -policy signing_policy \
    -extensions signing_node_req -out leaf.crt -outdir . -in ../leaf.csr -batch)
}
DB_ROWS=0
fresh_db() { rm -rf run && mkdir run && cp "db-$DB_ROWS"/index.txt "db-$DB_ROWS"/serial.txt run/; }
for n in 1000 10000 100000; do
  make_db $n; DB_ROWS=$n
  time_pair "ca into $n rows" "$RUNS" fresh_db "sign_once \"$bin\"" "sign_once openssl"
  sign_ratio[$n]=$LAST_RATIO
  row "(d) ca, database of $n rows" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "≤ 1.0" "$(verdict "$LAST_RATIO" 1.0 le)"
done
sign_args=(ca -config ../ca.cnf -keyfile ../ca/ca.key -cert ../ca/ca.crt -policy signing_policy
  -extensions signing_node_req -out leaf.crt -outdir . -in ../leaf.csr -batch)
fresh_db; m_ours=$(cd run && peak_kb "$bin" "${sign_args[@]}")
fresh_db; m_theirs=$(cd run && peak_kb openssl "${sign_args[@]}")
mem_rows+=("| ca, 100000-row database | $m_ours | $m_theirs | $(ratio "$m_ours" "$m_theirs") |")

fi

if want e; then
# (e) 1,000 certificates: one `cnfsigner ca -infiles` against 1,000 `openssl ca` runs
mkdir -p csrs
for i in $(seq -w 1 1000); do
  openssl req -new -key ca/leaf.key -subj "/O=Cockroach/CN=user$i" -out "csrs/$i.csr" 2>/dev/null
done
batch_prepare() { rm -rf run && mkdir -p run/out && : > run/index.txt && echo 01 > run/serial.txt; }
batch_ours() {
  (cd run && "$bin" ca -config ../ca.cnf -keyfile ../ca/ca.key -cert ../ca/ca.crt -policy signing_policy \
    -extensions signing_client_req -outdir out -out all.crt -batch -infiles ../csrs/*.csr)
}
batch_theirs() {
  (cd run && for f in ../csrs/*.csr; do
    openssl ca -config ../ca.cnf -keyfile ../ca/ca.key -cert ../ca/ca.crt -policy signing_policy \
      -extensions signing_client_req -outdir out -out "out/$(basename "$f" .csr).crt" -batch -in "$f" 2>/dev/null || exit 1
  done)
}
time_pair "1000 certificates" 1 batch_prepare batch_ours batch_theirs
batch_speedup=$(ratio "$LAST_THEIRS" "$LAST_OURS")
row "(e) 1,000 certificates (one -infiles run vs 1,000 runs)" "$LAST_OURS ms" "$LAST_THEIRS ms" \
  "$LAST_RATIO ($batch_speedup× faster)" "≥ 5× faster" "$(verdict "$batch_speedup" 5 ge)"
batch_prepare; batch_ours >/dev/null 2>&1
[ "$(wc -l < run/index.txt)" -eq 1000 ] || echo "warning: cnfsigner's batch left $(wc -l < run/index.txt) rows"
batch_prepare
batch_ours_ms=$LAST_OURS
# ... and against one `openssl ca -infiles` run over the same requests (-batch answers both questions)
batch_theirs_one() {
  (cd run && openssl ca -config ../ca.cnf -keyfile ../ca/ca.key -cert ../ca/ca.crt -policy signing_policy \
    -extensions signing_client_req -outdir out -out all.crt -batch -infiles ../csrs/*.csr)
}
time_pair "1000 certificates, both one -infiles" 1 batch_prepare batch_ours batch_theirs_one
row "(e) 1,000 certificates (one -infiles run each)" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "< 1.0 (faster)" \
  "$(awk -v r="$LAST_RATIO" 'BEGIN {print (r < 1 ? "met" : "NOT met")}')"
batch_args=(ca -config ../ca.cnf -keyfile ../ca/ca.key -cert ../ca/ca.crt -policy signing_policy
  -extensions signing_client_req -outdir out -out all.crt -batch -infiles)
batch_prepare; m_ours=$(cd run && peak_kb "$bin" "${batch_args[@]}" ../csrs/*.csr)
batch_prepare; m_theirs=$(cd run && peak_kb openssl "${batch_args[@]}" ../csrs/*.csr)
mem_rows+=("| ca -infiles, 1,000 requests (both one run) | $m_ours | $m_theirs | $(ratio "$m_ours" "$m_theirs") |")

fi

if want g; then
# (g) ECDSA P-256 and Ed25519: key generation, and a signature (a request signed with the key), per process
for alg in EC:P-256 ED25519; do
  if [ "$alg" = ED25519 ]; then gen_args="-algorithm ED25519"; label=Ed25519; else gen_args="-algorithm EC -pkeyopt ec_paramgen_curve:P-256"; label="ECDSA P-256"; fi
  time_pair "genpkey $label" "$((RUNS * 2))" nothing "\"$bin\" genpkey $gen_args -out g.key" "openssl genpkey $gen_args -out g.key"
  row "(g) genpkey $label" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "≤ 2.0" "$(verdict "$LAST_RATIO" 2 le)"
  openssl genpkey $gen_args -out sign.key 2>/dev/null
  time_pair "req -new signed with $label" "$((RUNS * 2))" nothing \
    "\"$bin\" req -new -key sign.key -subj /CN=bench -out g.csr" "openssl req -new -key sign.key -subj /CN=bench -out g.csr"
  row "(g) sign (req -new) with $label" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "≤ 2.0" "$(verdict "$LAST_RATIO" 2 le)"
  m_ours=$(peak_kb "$bin" req -new -key sign.key -subj /CN=bench -out g.csr); m_theirs=$(peak_kb openssl req -new -key sign.key -subj /CN=bench -out g.csr)
  mem_rows+=("| req -new signed with $label | $m_ours | $m_theirs | $(ratio "$m_ours" "$m_theirs") |")
done

fi

if want h; then
# (h) CA.pl's flow (new CA, request, signing, verification), the script run unchanged with OPENSSL set to each tool
capl=$(command -v CA.pl || ls /usr/lib/ssl/misc/CA.pl /usr/share/openssl/misc/CA.pl 2>/dev/null | head -1 || true)
capl_flow() { # tool
  rm -rf capl && mkdir capl && cd capl
  # -infiles ends ca's command line, so the passphrases are avoided with -noenc rather than passed with -passin
  echo | OPENSSL="$1" perl "$capl" -newca -extra-req "-noenc -subj /C=US/ST=S/O=Bench/CN=Bench-CA" &&
    OPENSSL="$1" perl "$capl" -newreq -extra-req "-noenc -subj /C=US/ST=S/O=Bench/CN=leaf" &&
    printf 'y\ny\n' | OPENSSL="$1" perl "$capl" -sign &&
    OPENSSL="$1" perl "$capl" -verify
  local rc=$?; cd ..; return $rc
}
if [ -n "$capl" ] && (capl_flow "$bin" && capl_flow openssl) >/dev/null 2>&1; then
  time_pair "CA.pl flow" "$(((RUNS + 1) / 2))" nothing "capl_flow \"$bin\"" "capl_flow openssl"
  row "(h) CA.pl flow (-newca, -newreq, -sign, -verify)" "$LAST_OURS ms" "$LAST_THEIRS ms" "$LAST_RATIO" "≤ 1.0" "$(verdict "$LAST_RATIO" 1 le)"
else
  echo "note: CA.pl's flow did not run to the end with both tools (or CA.pl is missing): row left out"
  row "(h) CA.pl flow" "failed" "" "" "≤ 1.0" "NOT met"
fi

fi

if want i; then
# (i) the RSA private-key operation in process: openssl speed against the Pki.Tests benchmark (Release build,
# ours and BouncyCastle's RsaBlindedEngine alternating, medians). Needs the .NET SDK; INPROCESS=0 leaves it out.
if [ "${INPROCESS:-1}" != 0 ] && command -v dotnet >/dev/null; then
  declare -A ossl_ms
  while IFS=: read -r _ _ bits signs _; do ossl_ms[$bits]=$(awk -v s="$signs" 'BEGIN {printf "%.3f", 1000 / s}'); done \
    < <(openssl speed -seconds 2 -mr rsa2048 rsa4096 2>/dev/null | grep '^+F2:')
  dotnet build -c Release "$repo/tests/CnfSigner.Pki.Tests" >/dev/null 2>&1
  dotnet test -c Release "$repo/tests/CnfSigner.Pki.Tests" --no-build --filter TestCategory=Benchmark \
    --logger "console;verbosity=detailed" 2>/dev/null | grep -E '^RSA-[0-9]+ private op' | sort -u > "$work/.inproc" || true
  for bits in 2048 4096; do
    line=$(grep "^RSA-$bits " "$work/.inproc" || true)
    ours=$(echo "$line" | sed -n 's/.*ours \([0-9.]*\) ms.*/\1/p'); bc=$(echo "$line" | sed -n 's/.*BouncyCastle \([0-9.]*\) ms.*/\1/p')
    limit=1; [ "$bits" -eq 4096 ] && limit=6
    echo "RSA-$bits private op in process: cnfsigner ${ours:-?} ms, BouncyCastle ${bc:-?} ms, openssl speed ${ossl_ms[$bits]:-?} ms"
    row "(i) RSA-$bits private-key op, in process (BouncyCastle: $bc ms)" "$ours ms" "${ossl_ms[$bits]:-?} ms" \
      "$(ratio "${ours:-0}" "${ossl_ms[$bits]:-0}")" "≤ $limit ms" "$(verdict "${ours:-999}" "$limit" le)"
  done
fi

fi

# (f) peak memory
echo
echo "Peak resident memory (KiB):"
worst=0
for r in "${mem_rows[@]}"; do
  echo "  $r"
  worst=$(awk -v a="$worst" -v b="$(echo "$r" | awk -F'|' '{gsub(/ /, "", $5); print $5}')" 'BEGIN {print ((b + 0 > a + 0) ? b : a)}')
done
row "(f) peak memory, worst ratio of the rows below" "" "" "$worst" "≤ 2" "$(verdict "$worst" 2 le)"

echo
echo "| measurement | cnfsigner (median) | openssl (median) | ratio cnfsigner/openssl | target | |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "| peak memory (KiB) | cnfsigner | openssl | ratio |"
echo "|---|---|---|---|"
printf '%s\n' "${mem_rows[@]}"
echo
want d && echo "ca growth, ratio per size: 1k ${sign_ratio[1000]}, 10k ${sign_ratio[10000]}, 100k ${sign_ratio[100000]}"
echo "load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; RUNS=$RUNS; took $(($(date +%s) - started)) s"
