namespace Smp.Gateway.State;

/// <summary>
/// The shared store could not answer (unreachable, too slow, or answering errors). Whoever catches it
/// refuses the request with 503 <c>registry-unavailable</c>: a node never decides without its store.
/// </summary>
internal sealed class StateUnavailableException(string message, Exception inner) : Exception(message, inner);
