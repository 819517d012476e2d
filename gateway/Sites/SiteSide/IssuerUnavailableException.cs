namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// The Issuer could not be asked (down, slow, circuit open) or gave no usable answer (refused, bad
/// signature). Hellos that need a new token get 503 <c>issuer-unavailable</c>; cached tokens keep working.
/// </summary>
internal sealed class IssuerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
