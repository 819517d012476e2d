namespace Smp.Gateway.Sites.SiteSide;

/// <summary>The Issuer's answer to a Site call as received: status, body bytes, and the headers that matter.</summary>
internal sealed record IssuerResponse(int Status, byte[] Body, string? Signature, string? ContentType, string? Error);
