namespace Smp.Gateway.Tokens;

/// <summary>
/// A <see cref="CachedToken"/>'s template together with its signature, for a key whose signature is not
/// the 2048 bits kept inline: rare, so it may cost an object of its own.
/// </summary>
internal sealed record SignedTemplate(TokenTemplate Template, byte[] Signature);
