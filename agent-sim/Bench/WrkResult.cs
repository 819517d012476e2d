using System.Globalization;

namespace Smp.AgentSim.Bench;

/// <summary>What one wrk run reported: the line its script's <c>done()</c> writes.</summary>
internal sealed record WrkResult(long Requests, long DurationMicroseconds, long StatusErrors, long SocketErrors, long Exhausted, long P50Microseconds, long P99Microseconds)
{
    public double RequestsPerSecond => DurationMicroseconds <= 0 ? 0 : Requests * 1_000_000.0 / DurationMicroseconds;

    public double Seconds => DurationMicroseconds / 1_000_000.0;

    /// <summary>CPU the process serving the target used per request, out of process only (<see cref="ProcessCpu"/>).</summary>
    public double? CpuMicrosecondsPerRequest { get; init; }

    /// <summary>Context switches of that process's threads per request (Linux, out of process only).</summary>
    public double? ContextSwitchesPerRequest { get; init; }

    /// <summary>
    /// Every answer 2xx/3xx and no socket error; the one request a run out of proofs sends bare as
    /// it stops (<see cref="Exhausted"/>) may be refused.
    /// </summary>
    public bool Clean => Requests > 0 && SocketErrors == 0 && StatusErrors <= Exhausted;

    public string Problems =>
        (Clean ? "" : $"{StatusErrors} answers >= 400, {SocketErrors} socket errors; ")
        + (Exhausted > 0 ? $"proofs ran out after {Seconds:0.0} s" : "");

    /// <summary>Reads the marker line out of wrk's output; null when there is none.</summary>
    public static WrkResult? Parse(string output)
    {
        foreach (string line in output.Split('\n'))
        {
            if (!line.StartsWith(WrkScript.ResultMarker + " ", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string pair in line[(WrkScript.ResultMarker.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && long.TryParse(pair[(equals + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
                {
                    fields[pair[..equals]] = value;
                }
            }

            return new WrkResult(
                fields.GetValueOrDefault("requests"), fields.GetValueOrDefault("duration_us"), fields.GetValueOrDefault("status_errors"),
                fields.GetValueOrDefault("socket_errors"), fields.GetValueOrDefault("exhausted"),
                fields.GetValueOrDefault("p50_us"), fields.GetValueOrDefault("p99_us"));
        }

        return null;
    }
}
