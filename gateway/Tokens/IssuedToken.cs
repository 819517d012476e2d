namespace Smp.Gateway.Tokens;

/// <summary>A token as issued: its text, and what is needed to decide whether it may be handed out again.</summary>
internal sealed record IssuedToken(string Text, string Jti, string Jkt, long IssuedAt, long ExpiresAt);
