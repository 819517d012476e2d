#!/usr/bin/env sh
# Publishes the gateway from a clone, with the .NET 10 SDK, for Linux x64 or Windows x64:
#   config/publish.sh framework-dependent /opt/smp-gateway   # needs the ASP.NET Core 10 runtime; run: dotnet /opt/smp-gateway/gateway.dll
#   config/publish.sh self-contained /opt/smp-gateway        # carries its runtime; run: /opt/smp-gateway/gateway
#   config/publish.sh windows 'C:\smp-gateway'               # win-x64, self-contained: the Windows service (README, Deployment)
# The output folder holds only the program: the configuration stays in /etc/smp-gateway (or --config FILE).
set -eu
cd "$(dirname "$0")/.."
kind=${1:-}
out=${2:-}
[ -n "$out" ] || { echo "usage: config/publish.sh framework-dependent|self-contained|windows OUTPUT-FOLDER" >&2; exit 2; }
case "$kind" in
  framework-dependent) exec dotnet publish gateway -c Release -r linux-x64 --self-contained false -o "$out" ;;
  self-contained)      exec dotnet publish gateway -c Release -r linux-x64 --self-contained true -o "$out" ;;
  windows)             exec dotnet publish gateway -c Release -r win-x64 --self-contained true -o "$out" ;;
  *) echo "config/publish.sh: '$kind' is not a recipe: framework-dependent, self-contained or windows" >&2; exit 2 ;;
esac
