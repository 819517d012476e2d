namespace Smp.Gateway.Acc;

/// <summary>The directory gave no answer (down, refused the connection, timed out): nothing is learned about the password.</summary>
internal sealed class AccDirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
