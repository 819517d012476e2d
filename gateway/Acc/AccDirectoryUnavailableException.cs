namespace Smp.Gateway.Acc;

/// <summary>The directory gave no answer (down, refused the connection, timed out): nothing is learned about the password.</summary>
internal sealed class AccDirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>No bind reached the directory (its circuit is open), so it cannot have counted one.</summary>
    public bool NotSent { get; init; }
}
