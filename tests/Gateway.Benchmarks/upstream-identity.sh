#!/usr/bin/env bash
# The per-request cost of the upstream identity (issue 16): headers only vs Basic vs Negotiate (Kerberos), as ratios
# in one BenchmarkDotNet run. Negotiate needs a KDC: a Samba AD DC is provisioned in a temporary folder on 127.0.0.1
# (fixed ports 88/389/636/445: one at a time), a service account and an SPN made, the account's keytab exported, and a
# krb5.conf of its own named by KRB5_CONFIG; the machine's Kerberos files are never read. Stops the DC on exit.
#   tests/Gateway.Benchmarks/upstream-identity.sh [BenchmarkDotNet options, default --job short]
# Needs: samba samba-ad-provision winbind krb5-user (Debian).
set -euo pipefail
cd "$(dirname "$0")"
dir=$(mktemp -d)
samba_pid=
cleanup() { [ -n "$samba_pid" ] && kill "$samba_pid" 2>/dev/null && wait "$samba_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

samba-tool domain provision --realm=EXAMPLE.TEST --domain=EXAMPLE --server-role=dc --dns-backend=NONE \
  --adminpass='Admin-Pass-123' --targetdir="$dir/dc" --option="interfaces=lo" --option="bind interfaces only=yes" >/dev/null 2>&1
conf="$dir/dc/etc/smb.conf"
sed -i 's/\[global\]/[global]\n\trpc server dynamic port range = 19100-19400/' "$conf"
samba -i -s "$conf" -M single >"$dir/samba.log" 2>&1 &
samba_pid=$!
for _ in $(seq 120); do (echo >/dev/tcp/127.0.0.1/88) 2>/dev/null && break; sleep 0.5; done
sleep 2
samba-tool user create bench-iusr 'Bench-Iusr-123' -s "$conf" >/dev/null
samba-tool user create bench-web 'Bench-Web-123' -s "$conf" >/dev/null
samba-tool spn add HTTP/legacy.example.test bench-web -s "$conf"
for account in bench-iusr bench-web; do
  ldbmodify -H "$dir/dc/private/sam.ldb" >/dev/null <<LDIF
dn: CN=$account,CN=Users,DC=example,DC=test
changetype: modify
replace: msDS-SupportedEncryptionTypes
msDS-SupportedEncryptionTypes: 24
LDIF
done
samba-tool domain exportkeytab "$dir/iusr.keytab" --principal=bench-iusr -s "$conf" >/dev/null
cat >"$dir/krb5.conf" <<CONF
[libdefaults]
    default_realm = EXAMPLE.TEST
    dns_lookup_kdc = false
    dns_lookup_realm = false
    dns_canonicalize_hostname = false
    rdns = false
    udp_preference_limit = 0
[realms]
    EXAMPLE.TEST = {
        kdc = 127.0.0.1
    }
CONF

unset KRB5CCNAME
export KRB5_CONFIG="$dir/krb5.conf" SMPGW_BENCH_KEYTAB="$dir/iusr.keytab" SMPGW_BENCH_SPN=HTTP/legacy.example.test
dotnet build -c Release >/dev/null
options=("$@")
[ ${#options[@]} -eq 0 ] && options=(--job short)
dotnet run -c Release --no-build -- --filter '*UpstreamIdentity*' "${options[@]}" 2>&1 | grep -E '^\||Error|error' || true
