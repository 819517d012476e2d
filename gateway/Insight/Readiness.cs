namespace Smp.Gateway.Insight;

/// <summary>
/// Whether ACC can be switched off: no ACC use in the last <see cref="Days"/> days but on routes that take ACC alone (UNC
/// codebases, which need it anyway). <see cref="Remaining"/> names the sources that still use it elsewhere.
/// </summary>
internal sealed record Readiness(int Days, IReadOnlyList<AccSource> Remaining, int UncSources)
{
    public bool Ready => Remaining.Count == 0;
}
