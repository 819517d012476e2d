#!/usr/bin/env bash
# Coverage-guided fuzzing of one gateway parser with AFL++ and SharpFuzz, for a bounded time.
#   tests/Gateway.Fuzz/run.sh proof|credentials|enrollment SECONDS
# Installs afl++ (apt) and the sharpfuzz tool if missing, publishes the harness, instruments
# gateway.dll, runs afl-fuzz -V SECONDS over corpus/TARGET, prints executions, coverage and crashes,
# and copies every crash input into corpus/TARGET/ (crash-*) so that it stays a seed.
# Work goes to $FUZZ_WORK (default /tmp/gateway-fuzz); findings of an earlier run are replaced.
set -euo pipefail

target="${1:-}"
seconds="${2:-}"
case "$target" in proof | credentials | enrollment) ;; *) echo "usage: $0 proof|credentials|enrollment SECONDS" >&2; exit 2 ;; esac
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "usage: $0 $target SECONDS (a whole number above 0)" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${FUZZ_WORK:-/tmp/gateway-fuzz}"
tools="${SHARPFUZZ_TOOLS:-$HOME/.sharpfuzz}"
out="$work/publish"
findings="$work/findings-$target"

if ! command -v afl-fuzz >/dev/null; then
  echo "Installing afl++..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
if [[ ! -x "$tools/sharpfuzz" ]]; then
  echo "Installing the sharpfuzz tool into $tools..." >&2
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

echo "Publishing the harness to $out..." >&2
rm -rf "$out"
dotnet publish "$here/Gateway.Fuzz.csproj" -c Release -o "$out" --nologo -v quiet >/dev/null
# Only the code under test is instrumented: the harness and the framework are not.
"$tools/sharpfuzz" "$out/gateway.dll" >/dev/null

rm -rf "$findings"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
echo "Fuzzing $target for $seconds s (corpus: $(ls "$here/corpus/$target" | wc -l) files)..." >&2
afl-fuzz -i "$here/corpus/$target" -o "$findings" -t 5000 -m none -V "$seconds" -- "$out/Gateway.Fuzz" "$target" >"$work/afl-$target.log" 2>&1 || {
  echo "afl-fuzz failed; the end of $work/afl-$target.log:" >&2
  tail -n 30 "$work/afl-$target.log" >&2
  exit 1
}

stats="$findings/default/fuzzer_stats"
value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "target           $target"
echo "run time         $(value run_time) s"
echo "executions       $(value execs_done) ($(value execs_per_sec)/s)"
echo "corpus           $(value corpus_count) inputs ($(value corpus_found) found), $(value max_depth) levels deep"
echo "coverage         $(value edges_found) edges of $(value total_edges) instrumented (bitmap $(value bitmap_cvg)), stability $(value stability)"
echo "crashes          $(value saved_crashes)"
echo "hangs            $(value saved_hangs)"

crashes=0
for crash in "$findings"/default/crashes/id:*; do
  [[ -e "$crash" ]] || continue
  name="crash-$(sha256sum "$crash" | cut -c1-16)"
  cp "$crash" "$here/corpus/$target/$name"
  echo "kept $name in corpus/$target (reproduce: dotnet run --project $here -c Release -- replay $target $here/corpus/$target/$name)"
  crashes=$((crashes + 1))
done
[[ "$crashes" -eq 0 ]]
