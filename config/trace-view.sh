#!/usr/bin/env sh
# The trace view: the .NET Aspire dashboard, a real OTLP receiver with a trace UI, on this machine only
# (127.0.0.1, no login). It is the NuGet package Aspire.Dashboard.Sdk.linux-x64 (pinned in
# Directory.Packages.props), which restoring the tests brings into the NuGet cache: nothing else is downloaded.
#   config/trace-view.sh        # UI http://127.0.0.1:18888, OTLP gRPC 127.0.0.1:4317, OTLP HTTP 127.0.0.1:4318
# then point the gateway at it (any run: `gateway --config ...`, the demo, a published build):
#   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 dotnet run --project agent-sim -c Release -- demo --agents 2 --duration 2
# and open http://127.0.0.1:18888/traces. The ports: TRACE_VIEW_UI, TRACE_VIEW_GRPC, TRACE_VIEW_HTTP. Ctrl+C stops it;
# it keeps what it received in memory only.
set -eu
cd "$(dirname "$0")/.."
dotnet restore tests/Gateway.Tests >/dev/null
package=$(dotnet msbuild tests/Gateway.Tests -getProperty:PkgAspire_Dashboard_Sdk_linux-x64)
export ASPNETCORE_URLS="http://127.0.0.1:${TRACE_VIEW_UI:-18888}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:${TRACE_VIEW_GRPC:-4317}"
export ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:${TRACE_VIEW_HTTP:-4318}"
export DASHBOARD__FRONTEND__AUTHMODE=Unsecured DASHBOARD__OTLP__AUTHMODE=Unsecured
export DASHBOARD__API__ENABLED=true DASHBOARD__API__AUTHMODE=Unsecured DOTNET_CLI_TELEMETRY_OPTOUT=1
exec "$package/tools/Aspire.Dashboard"
