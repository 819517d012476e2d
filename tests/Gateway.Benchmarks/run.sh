#!/usr/bin/env bash
# Every figure of the performance table (issue 7) in one run, each as a ratio beside what it is
# measured against: the BenchmarkDotNet micro-benchmarks (proof validation and issuance beside the raw
# RSA operations), the registry's bytes per live token, the hello latency at 100,000 agents against
# 1,000, then `agent-sim bench` (the gateway against plain YARP under wrk). Loopback only; bounded.
#   tests/Gateway.Benchmarks/run.sh [agent-sim bench options, e.g. --rounds 6]
set -euo pipefail
cd "$(dirname "$0")"
command -v wrk >/dev/null || { echo "wrk is required for the proxy figures: apt-get install wrk (nginx optional)" >&2; exit 2; }

dotnet build -c Release ../../Gateway.sln >/dev/null
echo "== proof validation and issuance beside the raw RSA operations"
dotnet run -c Release --no-build -- --filter '*ProofValidation*' '*Issuance*' --job short --iterationCount 8 2>&1 | grep -E '^\|'
echo "== the activity bookkeeping per request beside the User-Agent read (issue 17)"
dotnet run -c Release --no-build -- --filter '*ActivityRecorder*' --job short --iterationCount 8 2>&1 | grep -E '^\|'
echo "== embedded registry memory"
dotnet run -c Release --no-build -- memory
echo "== hello latency"
dotnet run -c Release --no-build -- hello
echo "== the gateway against plain YARP"
cd ../..
dotnet agent-sim/bin/Release/net10.0/agent-sim.dll bench "$@"
