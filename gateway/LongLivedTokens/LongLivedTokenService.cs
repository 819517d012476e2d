using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>Issues, lists and revokes long-lived tokens (<c>gateway tokens ...</c>). The secret is returned once and never logged.</summary>
internal sealed class LongLivedTokenService(
    ILongLivedTokenStore store, IOptionsMonitor<GatewayOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.LongLivedTokens);

    /// <summary>Issues a token; returns it as stored and its secret, which nothing keeps.</summary>
    public async Task<(LongLivedToken Token, string Secret)> IssueAsync(
        LongLivedTokenKind kind, string name, IReadOnlyList<string>? paths, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue.LongLivedTokens;
        if (kind == LongLivedTokenKind.PushInstall && (paths is { Count: > 0 } || lifetime is not null))
        {
            throw new ArgumentException("A push-install token is scoped to Gateway:LongLivedTokens:PushInstallPaths and never expires: --paths and --lifetime do not apply.");
        }

        if (kind == LongLivedTokenKind.Asdk && (paths is not { Count: > 0 } || paths.Any(p => !LongLivedTokenOptionsValidator.IsPathPrefix(p))))
        {
            throw new ArgumentException("An ASDK token needs --paths: one or more path prefixes, each starting with '/'.");
        }

        var life = lifetime ?? o.AsdkLifetime;
        if (kind == LongLivedTokenKind.Asdk && (life <= TimeSpan.Zero || life > LongLivedTokenOptionsValidator.MaxLifetime))
        {
            throw new ArgumentException($"--lifetime {life} is outside 00:00:01 to 365.00:00:00.");
        }

        string secret = LongLivedTokenSecret.Create(kind);
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        var token = new LongLivedToken(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), kind, name,
            kind == LongLivedTokenKind.PushInstall ? [] : paths!.ToArray(),
            LongLivedTokenSecret.Digest(secret), now,
            kind == LongLivedTokenKind.PushInstall ? null : now + (long)life.TotalSeconds, Revoked: false);
        await store.AddAsync(token, cancellationToken);
        GatewayLog.LongLivedTokenIssued(_logger, token.Id, kind.ToString(), name);
        return (token, secret);
    }

    public Task<IReadOnlyList<LongLivedToken>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        bool found = await store.RevokeAsync(id, cancellationToken);
        if (found)
        {
            GatewayLog.LongLivedTokenRevoked(_logger, id);
        }

        return found;
    }

    /// <summary>The path prefixes a token may call: a push-install token's are the configured ones, read now.</summary>
    public IReadOnlyList<string> PathsOf(LongLivedToken token) =>
        token.Kind == LongLivedTokenKind.PushInstall ? options.CurrentValue.LongLivedTokens.EffectivePushInstallPaths : token.Paths;
}
