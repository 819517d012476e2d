#!/usr/bin/env bash
# Start to ready (issue 18): the published gateway, started as users start it (`dotnet gateway.dll --config FILE`,
# embedded defaults otherwise), timed from its launch to the first `/readyz` 200. A first start on a new data
# folder (the signing key generated, SQLite created) alternates with a restart on the folder the start before
# left, ROUNDS of each (default 5); prints each time and the medians. Needs agent-sim built (the server
# behind, which /readyz checks). Loopback only; every process it starts is stopped; each start waits 60 s at most.
#   tests/Gateway.Benchmarks/start-to-ready.sh GATEWAY_BUILD_DIR [ROUNDS]
set -euo pipefail
build=$(realpath "${1:?usage: start-to-ready.sh GATEWAY_BUILD_DIR [ROUNDS]}")
rounds=${2:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
agentsim=$root/agent-sim/bin/Release/net10.0/agent-sim.dll
[ -f "$build/gateway.dll" ] || { echo "no gateway.dll in $build (dotnet publish gateway -c Release -o DIR)" >&2; exit 2; }
[ -f "$agentsim" ] || { echo "build agent-sim first (dotnet build -c Release agent-sim)" >&2; exit 2; }

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
legacy_port=$(free_port)
dotnet "$agentsim" legacy --urls "http://127.0.0.1:$legacy_port" >"$work/legacy.log" 2>&1 &
legacy=$!
trap 'kill $legacy 2>/dev/null; wait $legacy 2>/dev/null; rm -rf "$work"' EXIT

# One start: prints the milliseconds from launch to /readyz 200, then stops the gateway.
start() {
    local data=$1 port
    port=$(free_port)
    cat >"$work/gateway.json" <<JSON
{"Kestrel":{"Endpoints":{"Http":{"Url":"http://127.0.0.1:$port"}}},
 "Gateway":{"Audience":"http://127.0.0.1:$port","DataDirectory":"$data","Enrollment":{"Secret":"start-to-ready-secret"}},
 "ReverseProxy":{"Clusters":{"legacy":{"Destinations":{"primary":{"Address":"http://127.0.0.1:$legacy_port/"}}}}},
 "Logging":{"LogLevel":{"Default":"Warning"}}}
JSON
    local begin now pid
    begin=$(date +%s%N)
    dotnet "$build/gateway.dll" --config "$work/gateway.json" >"$work/gateway.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ]; do
        now=$(date +%s%N)
        if ! kill -0 $pid 2>/dev/null || [ $(( (now - begin) / 1000000 )) -gt 60000 ]; then
            kill $pid 2>/dev/null || true; cat "$work/gateway.log" >&2; echo "the gateway did not get ready" >&2; exit 1
        fi
        sleep 0.01
    done
    now=$(date +%s%N)
    kill -TERM $pid; wait $pid 2>/dev/null || true
    echo $(( (now - begin) / 1000000 ))
}

until curl -s -o /dev/null "http://127.0.0.1:$legacy_port/"; do sleep 0.1; done
first=() restart=()
for round in $(seq "$rounds"); do
    data="$work/data-$round"
    first+=("$(start "$data")")
    restart+=("$(start "$data")")
    echo "round $round: first start ${first[-1]} ms, restart ${restart[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "start to ready, median of $rounds: first start (new data folder) $(median "${first[@]}") ms, restart $(median "${restart[@]}") ms"
