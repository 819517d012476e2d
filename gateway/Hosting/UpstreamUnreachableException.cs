namespace Smp.Gateway.Hosting;

/// <summary>What <see cref="UpstreamCheck"/> found, for the log only: <c>/readyz</c> shows the short reason.</summary>
internal sealed class UpstreamUnreachableException(string message) : Exception(message);
