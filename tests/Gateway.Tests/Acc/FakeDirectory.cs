using Smp.Gateway.Acc;

namespace Smp.Gateway.Tests.Acc;

/// <summary>A directory with one right password per account, counting the binds it is sent; or, when down, none answered.</summary>
internal sealed class FakeDirectory(string rightPassword) : IAccDirectory
{
    private int _binds;

    public int Binds => Volatile.Read(ref _binds);
    public bool Down { get; set; }
    public string RightPassword { get; set; } = rightPassword;

    /// <summary>A password whose bind waits for <see cref="Held"/> before its answer; null: none.</summary>
    public string? HeldPassword { get; set; }

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An account state answered to every password (locked, disabled, expired), as Active Directory does; null: none.</summary>
    public AccBindResult? State { get; set; }

    public async Task<AccBindResult> BindAsync(string account, string password, CancellationToken cancel)
    {
        Interlocked.Increment(ref _binds);
        if (password == HeldPassword)
        {
            await Held.Task.WaitAsync(cancel);
        }

        if (Down)
        {
            throw new AccDirectoryUnavailableException("connection refused");
        }

        return State ?? (password == RightPassword ? AccBindResult.Accepted : AccBindResult.Rejected);
    }
}
