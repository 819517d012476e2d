using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>
/// Checks ACC credentials against the hashed accounts of <c>Gateway:Acc:Accounts</c>. A success is
/// remembered for a few minutes under a keyed hash (never the password), since a PBKDF2 check costs
/// tens of milliseconds; a failure is never remembered.
/// </summary>
internal sealed class AccCredentialValidator(IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    private static readonly string UnknownUserHash = PasswordHash.Create("unknown user", 10_000);

    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<UInt128, DateTimeOffset> _recent = new();

    /// <summary>The account name as configured when the credentials are right; otherwise null.</summary>
    public string? Validate(string user, string password)
    {
        var account = options.CurrentValue.Acc.Accounts.FirstOrDefault(a => string.Equals(a.User, user, StringComparison.OrdinalIgnoreCase));
        string hash = account?.PasswordHash ?? UnknownUserHash;
        UInt128 key = CacheKey(hash, password);
        var now = time.GetUtcNow();
        if (account is not null && _recent.TryGetValue(key, out var until) && until > now)
        {
            return account.User;
        }

        // An unknown user costs the same as a known one, so that timing does not list the accounts.
        bool ok = PasswordHash.Verify(password, hash) && account is not null;
        if (!ok)
        {
            return null;
        }

        if (_recent.Count > 10_000)
        {
            _recent.Clear();
        }

        _recent[key] = now + RememberFor;
        return account!.User;
    }

    private UInt128 CacheKey(string hash, string password)
    {
        byte[] mac = HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(hash + "\n" + password));
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(mac);
    }
}
