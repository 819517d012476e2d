using System.Net;
using Smp.AgentSim.Load;
using Smp.AgentSim.Protocol;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Load;

public sealed class TimelineRecorderTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Snapshot_RequestsInTwoIntervals_OnePointEachWithItsOwnPercentiles()
    {
        var recorder = new TimelineRecorder(DateTimeOffset.UnixEpoch, Second);
        recorder.Record(TimeSpan.FromSeconds(0.2), Outcome(HttpStatusCode.OK, null, 10));
        recorder.Record(TimeSpan.FromSeconds(1.5), Outcome(HttpStatusCode.OK, null, 20));

        LoadTimeline timeline = recorder.Snapshot(TimeSpan.FromSeconds(2));

        Assert.Equal([1L, 1L], timeline.Points.Select(p => p.Requests));
        Assert.Equal([10.0, 20.0], timeline.Points.Select(p => p.Latency.P99Ms));
        Assert.Equal([TimeSpan.Zero, Second], timeline.Points.Select(p => p.Start));
        Assert.All(timeline.Points, p => Assert.Equal(Second, p.Width));
    }

    [Fact]
    public void Snapshot_SilentIntervals_PointsWithNoRequests()
    {
        var recorder = new TimelineRecorder(DateTimeOffset.UnixEpoch, Second);
        recorder.Record(TimeSpan.FromSeconds(0.5), Outcome(HttpStatusCode.OK, null, 1));
        recorder.Record(TimeSpan.FromSeconds(3.5), Outcome(HttpStatusCode.OK, null, 1));

        LoadTimeline timeline = recorder.Snapshot(TimeSpan.FromSeconds(4));

        Assert.Equal([1L, 0L, 0L, 1L], timeline.Points.Select(p => p.Requests));
        Assert.Equal([1.0, 0.0, 0.0, 1.0], timeline.Points.Select(p => p.RequestsPerSecond));
    }

    [Fact]
    public void Snapshot_ElapsedMidInterval_LastPointShorter()
    {
        var recorder = new TimelineRecorder(DateTimeOffset.UnixEpoch, Second);
        recorder.Record(TimeSpan.FromSeconds(0.5), Outcome(HttpStatusCode.OK, null, 1));

        LoadTimeline timeline = recorder.Snapshot(TimeSpan.FromSeconds(2.25));

        Assert.Equal([Second, Second, TimeSpan.FromSeconds(0.25)], timeline.Points.Select(p => p.Width));
        Assert.Equal(TimeSpan.FromSeconds(2.25), timeline.Points[^1].End);
    }

    [Fact]
    public void Snapshot_RequestEndedAfterElapsed_TimelineReachesIt()
    {
        var recorder = new TimelineRecorder(DateTimeOffset.UnixEpoch, Second);
        recorder.Record(TimeSpan.FromSeconds(1.2), Outcome(HttpStatusCode.OK, null, 1));

        LoadTimeline timeline = recorder.Snapshot(Second);

        Assert.Equal([0L, 1L], timeline.Points.Select(p => p.Requests));
        Assert.Equal(TimeSpan.FromSeconds(1.2), timeline.Points[^1].End);
    }

    [Fact]
    public void Snapshot_ThenMoreRequests_NextSnapshotHasAll()
    {
        var recorder = new TimelineRecorder(DateTimeOffset.UnixEpoch, Second);
        recorder.Record(TimeSpan.FromSeconds(0.5), Outcome(HttpStatusCode.OK, null, 1));
        LoadTimeline first = recorder.Snapshot(TimeSpan.FromSeconds(0.6));
        recorder.Record(TimeSpan.FromSeconds(0.7), Outcome(HttpStatusCode.Forbidden, "replay", 2));

        LoadTimeline second = recorder.Snapshot(Second);

        Assert.Equal(1, first.Points.Single().Requests);
        TimelinePoint point = second.Points.Single();
        Assert.Equal(2, point.Requests);
        Assert.Contains(point.Outcomes, o => o is { Status: 403, NsError: "replay", Count: 1 });
    }

    [Fact]
    public void Record_MoreOutcomesThanTheCap_RestCountedAsOther()
    {
        var recorder = new TimelineRecorder(DateTimeOffset.UnixEpoch, Second);
        for (int i = 0; i < TimelineRecorder.MaxOutcomesPerPoint + 4; i++)
        {
            recorder.Record(TimeSpan.FromSeconds(0.5), Outcome(HttpStatusCode.Forbidden, "code-" + i, 1));
        }

        TimelinePoint point = recorder.Snapshot(Second).Points.Single();

        Assert.Equal(TimelineRecorder.MaxOutcomesPerPoint, point.Outcomes.Count);
        Assert.Equal(4, point.OtherOutcomes);
        Assert.Equal(point.Requests, point.Outcomes.Sum(o => o.Count) + point.OtherOutcomes);
    }

    internal static RequestOutcome Outcome(HttpStatusCode status, string? nsError, double latencyMs) =>
        new(status, nsError, null, 1, SmpCredentialKind.Proof, false, TimeSpan.FromMilliseconds(latencyMs));
}
