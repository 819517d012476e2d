namespace Smp.AgentSim.Bench;

/// <summary>
/// The proofs of one <see cref="H2Driver"/> run, read from their file before the clock starts and handed out in
/// the file's order (the agents in turn, each one's counters growing), each as the whole <c>Authorization</c> value.
/// </summary>
internal sealed class H2ProofQueue
{
    private readonly string[] _values;
    private readonly bool _loop;
    private long _next = -1;

    public H2ProofQueue(IReadOnlyList<string> proofs, bool loop)
    {
        _values = new string[proofs.Count];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = "SMPToken " + proofs[i];
        }

        _loop = loop;
    }

    /// <summary>The proofs handed out so far.</summary>
    public long Taken => Math.Min(Interlocked.Read(ref _next) + 1, _loop ? long.MaxValue : _values.Length);

    public static async Task<H2ProofQueue> ReadAsync(string path, bool loop, CancellationToken cancellationToken)
    {
        string[] lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        return new H2ProofQueue(Array.FindAll(lines, line => line.Length > 0), loop);
    }

    /// <summary>The next proof's <c>Authorization</c> value; false when they are used up (never, when they are reused in a loop).</summary>
    public bool TryNext(out string value)
    {
        long index = Interlocked.Increment(ref _next);
        if (_values.Length > 0 && (_loop || index < _values.Length))
        {
            value = _values[index % _values.Length];
            return true;
        }

        value = string.Empty;
        return false;
    }
}
