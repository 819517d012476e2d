using System.Net;

namespace Smp.Gateway.Tests.Sites;

/// <summary>What the Sites answered during an Issuer outage, gathered from several Sites at once.</summary>
internal sealed class OutageFigures
{
    private readonly Lock _gate = new();
    private readonly List<string> _unexpected = [];
    private readonly SortedSet<string> _readyCodes = [], _readyStatuses = [];
    private int _hellos, _cachedServed, _cachedTried, _readyChecks;

    public TimeSpan SlowestHello { get; private set; }
    public TimeSpan SlowestReady { get; private set; }
    public bool AllNewRefusedUnavailable => _unexpected.Count == 0 && _hellos > 0;
    public bool AllCachedServed => _cachedServed == _cachedTried && _cachedTried > 0;
    public bool AlwaysReady => _readyCodes.SetEquals(["200"]);
    public bool SawDegraded => _readyStatuses.Contains("Degraded");
    public string Unexpected => string.Join(", ", _unexpected);
    public string ReadyCodes => string.Join(", ", _readyCodes);
    public string ReadyStatuses => string.Join(", ", _readyStatuses);

    public void NewHello(HttpStatusCode status, string? error, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _hellos++;
            SlowestHello = elapsed > SlowestHello ? elapsed : SlowestHello;
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

    public void Ready((HttpStatusCode Code, string Status, TimeSpan Elapsed) ready)
    {
        lock (_gate)
        {
            _readyChecks++;
            _readyCodes.Add(((int)ready.Code).ToString());
            _readyStatuses.Add(ready.Status);
            SlowestReady = ready.Elapsed > SlowestReady ? ready.Elapsed : SlowestReady;
        }
    }

    public override string ToString() =>
        $"{_hellos} new agents' hellos answered {(AllNewRefusedUnavailable ? "503 issuer-unavailable" : Unexpected)} within {SlowestHello.TotalMilliseconds:0} ms; " +
        $"cached agent served {_cachedServed}/{_cachedTried}; /readyz {ReadyCodes} ({ReadyStatuses}) in {_readyChecks} checks, slowest {SlowestReady.TotalMilliseconds:0} ms";
}
