using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.Configuration;
using Smp.Gateway.State;
using StackExchange.Redis;

namespace Smp.Gateway.Acc;

/// <summary>
/// The shield's store for a fleet (§11: the budget is the fleet's): every node counts the same failed binds and
/// knows the same passwords, across restarts. A fingerprint is PBKDF2-SHA256 of the password under a key drawn
/// once for the fleet and kept in Redis, so that what Redis holds costs a guesser 10,000 hashes a guess; each node
/// remembers the fingerprints it computed (by an in-memory HMAC), so a password costs that once per node.
/// Any Redis failure throws <see cref="StateUnavailableException"/>: the shield then binds nothing.
/// </summary>
internal sealed class RedisShieldStore(RedisConnection redis) : IShieldStore
{
    private const int Iterations = 10_000;
    private const int MaxRemembered = 10_000;
    private const string Failure = "the lockout shield's store did not answer: ";
    private static readonly LuaScript LookupScript = LuaScript.Prepare(RedisShieldScripts.Lookup);
    private static readonly LuaScript ReserveScript = LuaScript.Prepare(RedisShieldScripts.Reserve);
    private static readonly LuaScript ReleaseScript = LuaScript.Prepare(RedisShieldScripts.Release);

    private readonly byte[] _localKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<UInt128, UInt128> _fingerprints = new();
    private byte[]? _fleetKey;

    public async ValueTask<UInt128> FingerprintAsync(string account, string password)
    {
        byte[] input = Encoding.UTF8.GetBytes(account.ToUpperInvariant() + "\n" + password);
        var local = BinaryPrimitives.ReadUInt128LittleEndian(HMACSHA256.HashData(_localKey, input));
        if (_fingerprints.TryGetValue(local, out var known))
        {
            return known;
        }

        byte[] key = _fleetKey ??= await Run(LoadKeyAsync);
        var fingerprint = BinaryPrimitives.ReadUInt128LittleEndian(Rfc2898DeriveBytes.Pbkdf2(input, key, Iterations, HashAlgorithmName.SHA256, 16));
        if (_fingerprints.Count >= MaxRemembered)
        {
            _fingerprints.Clear();
        }

        _fingerprints[local] = fingerprint;
        return fingerprint;
    }

    public async ValueTask<ShieldLookup> LookupAsync(string account, UInt128 fingerprint, AccShieldOptions s)
    {
        var r = (RedisResult[])(await Run(db => LookupScript.EvaluateAsync(db, Parameters(account, fingerprint, s))))!;
        return new ShieldLookup((PasswordStanding)(int)r[0], s.RememberWrongFor, (long)r[1]);
    }

    public async ValueTask<ShieldReservation> TryReserveAsync(
        string account, UInt128 fingerprint, string holder, int limit, int directoryFailures, long readAt, TimeSpan hold, AccShieldOptions s)
    {
        var k = redis.Keys;
        string hex = Hex(fingerprint);
        var parameters = new
        {
            pw = k.ShieldPassword(account, hex), failures = k.ShieldFailures(account), inflight = k.ShieldInFlight(account),
            holder, limit, directoryFailures, readAt, hold = (long)hold.TotalMilliseconds,
            rightFor = Ms(s.RememberRightFor), rightAtMost = Ms(s.RightAtMostFor), wrongFor = Ms(s.RememberWrongFor),
        };
        var r = (RedisResult[])(await Run(db => ReserveScript.EvaluateAsync(db, parameters)))!;
        return new ShieldReservation((int)r[0] == 1, (PasswordStanding)(int)r[1], (int)r[2], TimeSpan.FromMilliseconds((long)r[3]), (long)r[4]);
    }

    public async ValueTask ReleaseAsync(string account, UInt128 fingerprint, string holder, long reservedAt, AccBindResult? result, AccShieldOptions s)
    {
        var k = redis.Keys;
        var parameters = new
        {
            pw = k.ShieldPassword(account, Hex(fingerprint)), failures = k.ShieldFailures(account), inflight = k.ShieldInFlight(account),
            holder, result = result switch { AccBindResult.Accepted => "right", AccBindResult.Rejected => "wrong", null => "unknown", _ => string.Empty },
            rightFor = Ms(s.RememberRightFor), wrongFor = Ms(s.RememberWrongFor), reservedAt,
        };
        await Run(db => ReleaseScript.EvaluateAsync(db, parameters));
    }

    private async Task<byte[]> LoadKeyAsync(IDatabase db)
    {
        await db.StringSetAsync(redis.Keys.ShieldKey, RandomNumberGenerator.GetBytes(32), when: When.NotExists);
        byte[]? key = await db.StringGetAsync(redis.Keys.ShieldKey);
        return key is { Length: 32 } ? key : throw new RedisException("the shield key in Redis is not 32 bytes");
    }

    private object Parameters(string account, UInt128 fingerprint, AccShieldOptions s) => new
    {
        pw = redis.Keys.ShieldPassword(account, Hex(fingerprint)),
        rightFor = Ms(s.RememberRightFor), rightAtMost = Ms(s.RightAtMostFor), wrongFor = Ms(s.RememberWrongFor),
    };

    private Task<T> Run<T>(Func<IDatabase, Task<T>> call) => redis.CallAsync(call, "a lockout shield call", Failure);

    private static string Hex(UInt128 fingerprint) => fingerprint.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static long Ms(TimeSpan t) => (long)t.TotalMilliseconds;
}
