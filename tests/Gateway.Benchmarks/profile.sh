#!/usr/bin/env bash
# The gateway's CPU profile under the out-of-process bench's keep-alive and fresh-proof loads (issue 18):
# one round of `agent-sim bench --out-of-process`, with `perf record -e cpu-clock` attached to the gateway
# process for 6 s in the middle of each of its two targets, then the top frames, self and inclusive.
#   tests/Gateway.Benchmarks/profile.sh OUT_DIR [GATEWAY_BUILD]      (needs perf: apt-get install linux-perf)
# ReadyToRun is off so that framework frames have names; perf maps name the JIT-compiled ones.
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd); build=${2:-}
cd "$(dirname "$0")/../.."
command -v perf >/dev/null || { echo "perf is required (Debian: apt-get install linux-perf)" >&2; exit 2; }
dotnet build -c Release agent-sim >/dev/null
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0
dotnet agent-sim/bin/Release/net10.0/agent-sim.dll bench --out-of-process ${build:+--gateway-build "$build"} --rounds 1 --seconds 8 --warmup 1 2>&1 |
while IFS= read -r line; do
  echo "$line"
  case "$line" in
    "gateway: pid "*) pid=${line#gateway: pid }; echo "${pid%%,*}" > "$out/pid" ;;
    "round 1/1  yarp  "*) (sleep 5; perf record -e cpu-clock -F 499 -g -p "$(cat "$out/pid")" -o "$out/keepalive.data" -- sleep 6 >/dev/null 2>&1) & ;;
    "round 1/1  yarp-proof"*) (sleep 5; perf record -e cpu-clock -F 499 -g -p "$(cat "$out/pid")" -o "$out/fresh.data" -- sleep 6 >/dev/null 2>&1) & ;;
  esac
done > "$out/run.txt"
# The recorders run in the loop's subshells: wait until both have written their files.
while pgrep -f "perf record .* -o $out/" >/dev/null; do sleep 1; done
set +o pipefail
for k in keepalive fresh; do
  echo "== $k: self time by component"
  perf report -i "$out/$k.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -6
  perf report -i "$out/$k.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -80 > "$out/$k-children.txt"
done
echo "inclusive frames: $out/keepalive-children.txt, $out/fresh-children.txt"
