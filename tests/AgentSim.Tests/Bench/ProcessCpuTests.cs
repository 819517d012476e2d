using System.Diagnostics;
using Smp.AgentSim.Bench;

namespace Smp.AgentSim.Tests.Bench;

public sealed class ProcessCpuTests
{
    [Fact]
    public void PerRequest_TwoReadings_DividesTheDifferenceByTheRequests()
    {
        var before = new ProcessCpu(TimeSpan.FromSeconds(1), 100);
        var after = new ProcessCpu(TimeSpan.FromSeconds(1.5), 300);

        (double cpu, double? switches) = ProcessCpu.PerRequest(before, after, 1_000)!.Value;

        Assert.Equal(500, cpu, 6);
        Assert.Equal(0.2, switches!.Value, 6);
    }

    [Theory]
    [InlineData(false, true, 10)]
    [InlineData(true, false, 10)]
    [InlineData(true, true, 0)]
    public void PerRequest_MissingReadingOrNoRequest_IsNull(bool hasBefore, bool hasAfter, long requests)
    {
        ProcessCpu? before = hasBefore ? new ProcessCpu(TimeSpan.Zero, null) : null;
        ProcessCpu? after = hasAfter ? new ProcessCpu(TimeSpan.FromSeconds(1), null) : null;

        Assert.Null(ProcessCpu.PerRequest(before, after, requests));
    }

    [Fact]
    public void Read_ProcessGone_IsNull()
    {
        using Process exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        exited.WaitForExit();
        int id = exited.Id;

        Assert.Null(ProcessCpu.Read(id));
    }

    [Fact]
    public void Read_ParentOfABusyChild_CountsTheChildsCpu()
    {
        // The parent shell only waits; its child counts to a million first, then sleeps until killed.
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("sh -c 'i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done; sleep 60' & wait");
        using Process parent = Process.Start(start)!;
        try
        {
            TimeSpan parentOwn = TimeSpan.Zero;
            ProcessCpu? seen = null;
            for (int attempt = 0; attempt < 600 && seen is not { Cpu.TotalMilliseconds: >= 200 }; attempt++)
            {
                Thread.Sleep(50);
                parent.Refresh();
                parentOwn = parent.TotalProcessorTime;
                seen = ProcessCpu.Read(parent.Id);
            }

            Assert.NotNull(seen);
            Assert.True(seen.Value.Cpu.TotalMilliseconds >= 200, $"read {seen.Value.Cpu.TotalMilliseconds} ms for parent and child");
            Assert.True(parentOwn.TotalMilliseconds < 100, $"the waiting parent used {parentOwn.TotalMilliseconds} ms itself");
            Assert.NotNull(seen.Value.ContextSwitches);
        }
        finally
        {
            parent.Kill(entireProcessTree: true);
            parent.WaitForExit();
        }
    }
}
