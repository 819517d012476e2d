namespace Smp.Gateway.Tokens;

/// <summary>
/// The values every token signed by one key for one audience shares (<c>alg</c>, <c>kid</c>, <c>iss</c>,
/// <c>aud</c>): one object for all the cached tokens that have them, instead of four references each.
/// </summary>
internal sealed record TokenTemplate(string Alg, string Kid, string Iss, string Aud);
