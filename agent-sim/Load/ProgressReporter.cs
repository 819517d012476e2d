namespace Smp.AgentSim.Load;

/// <summary>Writes one line a second while the load runs: requests per second and unexpected scenario runs.</summary>
internal sealed class ProgressReporter(TextWriter writer, LoadRecorder recorder, TimeProvider time)
{
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        long start = time.GetTimestamp();
        long previous = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                long requests = recorder.Requests;
                await writer.WriteLineAsync(
                    $"[{time.GetElapsedTime(start).TotalSeconds,5:0}s] {requests - previous,7} req/s {requests,10} requests {recorder.UnexpectedRuns,6} unexpected")
                    .ConfigureAwait(false);
                previous = requests;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
