#!/usr/bin/env bash
# Coverage-guided fuzzing of cnfsigner's readers with SharpFuzz and AFL++ (see README.md beside this file).
#   tests/CnfSigner.Fuzz/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 10 s each, every target
# Without afl-fuzz (apt-get install afl++) it falls back to the deterministic mutation engine (cnfsigner-fuzz
# mutate, fixed seed, FUZZ_MUTATIONS inputs per target). Prints one line per target:
#   fuzz TARGET: ok|FAILED (engine, N executions, C crashes, H hangs)
# and exits non-zero if any target found a crash or hang. Findings are kept under $FUZZ_OUT/findings/TARGET.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-10}"; shift || true
out="${FUZZ_OUT:-${TMPDIR:-/tmp}/cnfsigner-fuzz}"
pub="$out/bin"
rm -rf "$pub"; mkdir -p "$out/afl" "$out/findings"

if ! dotnet publish "$here/CnfSigner.Fuzz.csproj" -c Release -o "$pub" -v quiet -nologo >"$out/publish.log" 2>&1; then
  cat "$out/publish.log"; echo "fuzz build: FAILED"; exit 1
fi
# An uninstrumented copy replays findings: instrumented code outside afl-fuzz writes to a map that is not there.
rm -rf "$out/plain"; cp -r "$pub" "$out/plain"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(dotnet "$pub/cnfsigner-fuzz.dll" list)

engine=mutate
if command -v afl-fuzz >/dev/null 2>&1 && [ "${FUZZ_ENGINE:-afl}" = afl ]; then
  tool="$out/tools/sharpfuzz"
  [ -x "$tool" ] || dotnet tool install --tool-path "$out/tools" SharpFuzz.CommandLine --version 2.3.0 >"$out/tool.log" 2>&1
  # Instrument only the product: AFL's coverage map then follows cnfsigner's own branches.
  if [ -x "$tool" ] && "$tool" "$pub/CnfSigner.Pki.dll" >/dev/null && "$tool" "$pub/CnfSigner.Config.dll" >/dev/null; then
    engine=afl
  else
    echo "warning: SharpFuzz instrumentation unavailable; using the mutation engine"
  fi
fi

stat() { sed -n "s/^$2 *: *//p" "$1/default/fuzzer_stats" 2>/dev/null || echo 0; }
bad=0
for t in "${targets[@]}"; do
  found="$out/findings/$t"; rm -rf "$found" "$out/afl/$t"; mkdir -p "$found"
  if [ "$engine" = afl ]; then
    AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
    AFL_QUIET=1 timeout $((seconds + 60)) afl-fuzz -V "$seconds" -i "$pub/seeds/$t" -o "$out/afl/$t" -t 5000 -m none \
      -- dotnet "$pub/cnfsigner-fuzz.dll" afl "$t" >"$out/afl-$t.log" 2>&1
    execs=$(stat "$out/afl/$t" execs_done); crashes=$(stat "$out/afl/$t" saved_crashes); hangs=$(stat "$out/afl/$t" saved_hangs)
    cp "$out/afl/$t"/default/crashes/id* "$out/afl/$t"/default/hangs/id* "$found/" 2>/dev/null
    if [ -z "$execs" ] || [ "$execs" = 0 ]; then tail -20 "$out/afl-$t.log"; crashes=${crashes:-1}; [ "$crashes" = 0 ] && crashes=1; fi
  else
    n="${FUZZ_MUTATIONS:-$((seconds * 2000))}"
    log=$(dotnet "$pub/cnfsigner-fuzz.dll" mutate "$t" "$pub/seeds/$t" "$n" 1 "$found" 2>&1); rc=$?
    echo "$log" | grep -v "executions in" | head -20
    execs=$n; crashes=$(ls "$found" | wc -l); hangs=0; [ $rc -eq 3 ] && hangs=1; [ $rc -ne 0 ] && [ "$crashes" = 0 ] && [ "$hangs" = 0 ] && crashes=1
  fi
  if [ "${crashes:-0}" = 0 ] && [ "${hangs:-0}" = 0 ]; then status=ok; else status=FAILED; bad=1
    # Show why: each saved input once more through the replayer, which names the exception.
    dotnet "$out/plain/cnfsigner-fuzz.dll" replay "$t" "$found" | head -40
  fi
  echo "fuzz $t: $status ($engine, $execs executions, ${crashes:-0} crashes, ${hangs:-0} hangs)"
done
exit $bad
