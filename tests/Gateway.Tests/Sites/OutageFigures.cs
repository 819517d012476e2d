using System.Net;

namespace Smp.Gateway.Tests.Sites;

/// <summary>What the Sites answered during an Issuer outage, gathered from several Sites at once.</summary>
internal sealed class OutageFigures
{
    private readonly Lock _gate = new();
    private readonly List<string> _unexpected = [];
    private readonly SortedSet<string> _readyCodes = [], _readyStatuses = [];
    private readonly List<TimeSpan> _helloTimes = [], _readyTimes = [];
    private int _cachedServed, _cachedTried;

    public TimeSpan SlowestHello => _helloTimes.Max();
    public TimeSpan SlowestReady => _readyTimes.Max();
    public bool AllNewRefusedUnavailable => _unexpected.Count == 0 && _helloTimes.Count > 0;
    public bool AllCachedServed => _cachedServed == _cachedTried && _cachedTried > 0;
    public bool AlwaysReady => _readyCodes.SetEquals(["200"]);
    public bool SawDegraded => _readyStatuses.Contains("Degraded");
    public string Unexpected => string.Join(", ", _unexpected);
    public string ReadyCodes => string.Join(", ", _readyCodes);
    public string ReadyStatuses => string.Join(", ", _readyStatuses);
    public string LastReadyBody { get; private set; } = "";

    public void NewHello(HttpStatusCode status, string? error, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _helloTimes.Add(elapsed);
            if (status != HttpStatusCode.ServiceUnavailable || error != "issuer-unavailable")
            {
                _unexpected.Add($"{(int)status} {error}");
            }
        }
    }

    public void Cached(bool served)
    {
        lock (_gate)
        {
            _cachedTried++;
            _cachedServed += served ? 1 : 0;
        }
    }

    public void Ready((HttpStatusCode Code, string Status, TimeSpan Elapsed, string Body) ready)
    {
        lock (_gate)
        {
            LastReadyBody = ready.Body;
            _readyTimes.Add(ready.Elapsed);
            _readyCodes.Add(((int)ready.Code).ToString());
            _readyStatuses.Add(ready.Status);
        }
    }

    public override string ToString() =>
        $"{_helloTimes.Count} new agents' hellos answered {(AllNewRefusedUnavailable ? "503 issuer-unavailable" : Unexpected)} in {Spread(_helloTimes)}; " +
        $"cached agent served {_cachedServed}/{_cachedTried}; /readyz answered {ReadyCodes} ({ReadyStatuses}) {_readyTimes.Count} times in {Spread(_readyTimes)}";

    private static string Spread(List<TimeSpan> times) =>
        $"{times.Order().ElementAt(times.Count / 2).TotalMilliseconds:0} ms (median), {times.Max().TotalMilliseconds:0} ms (slowest)";
}
