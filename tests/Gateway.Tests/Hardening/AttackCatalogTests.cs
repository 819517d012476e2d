using System.Text.RegularExpressions;
using Smp.Gateway.Tests.Tokens;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// ../shared/spec/ATTACKS.md, item by item: the items that are one request with a proof are rows of
/// Tokens/ProofTableTests (the number leads each name: the exact status and code, never a 500, and neither the
/// replay registry nor the agent store changed by a refused request). Items answered elsewhere or that do not
/// apply are listed in <see cref="NotHere"/> with the reason; every item is one or the other.
/// </summary>
public sealed class AttackCatalogTests
{
    /// <summary>Items of ATTACKS.md not rows of Tokens/ProofTableTests, and why.</summary>
    public static readonly IReadOnlyDictionary<int, string> NotHere = new Dictionary<int, string>
    {
        [24] = "skew boundaries: rows 'expired within skew' and 'expired beyond skew' of Tokens/ProofTableTests and A24 below; IdentityModel's 300 s default is not ours (60 s, at most 300).",
        [36] = "weak agent keys at enrollment: Agents/EnrollmentTests (e=3, 1024 bits) answer 400 naming the field.",
        [40] = "counter order 10, 8, 9: Replay/ReplayWindowTests, and A40 below through HTTP.",
        [41] = "window boundary: Replay/ReplayWindowTests (100 then 37 accepted, 36 refused) and the FsCheck model.",
        [44] = "entry lifetime: Replay/MemoryReplayRegistryTests.Sweep_AfterKeepUntil_EntryDroppedAndLateUseRefused.",
        [45] = "memory at 10^6 tokens: a benchmark, not a test (issue 7); a 10 KB uid is A45 below.",
        [47] = "concurrency on one node: Replay/MemoryReplayRegistryTests (64 copies, one accepted); across nodes with Redis: issue 5.",
        [48] = "distinct counters at once: Replay/MemoryReplayRegistryTests.TryAccept_ConcurrentDistinctCounters_AllAccepted.",
        [49] = "a node on memory beside Redis nodes: issue 5 (Redis).",
        [50] = "Redis down: issue 5 (Redis).",
        [51] = "Redis failover: issue 5 (Redis).",
        [52] = "Redis latency: issue 5 (Redis).",
        [53] = "clock skew between nodes: issue 5 (Redis); one node has one clock.",
        [54] = "Redis eviction: issue 5 (Redis).",
        [57] = "token in the query: the gateway reads credentials from the Authorization header only, never the query; two headers: Tokens/ProofValidationTests.Request_TwoAuthorizationHeaders_BadRequestMalformed.",
        [60] = "bad token and Basic: one Authorization header carries one; Basic on a Token route is no downgrade: Routing/RouteModeTests.Route_TokenOnly_BasicIsNotADowngrade.",
        [61] = "Basic over plain HTTP: Routing/RouteModeTests.Route_AccOverPlainHttpNotAllowed_Refused.",
        [63] = "the same bad password 50 times: the lockout shield (issue 3).",
        [64] = "password spraying: the lockout shield (issue 3).",
        [65] = "stale credential alert: the lockout shield (issue 3).",
        [66] = "structure-aware fuzzing: Hardening/ProofFuzzTests.",
        [67] = "jwt_tool against staging: an operator's nightly job; its attack classes are the rows here.",
    };

    [Fact]
    public void Catalogue_EveryItemIsHereOrNamedElsewhere()
    {
        var covered = ProofTableTests.Names.Where(name => Regex.IsMatch(name, @"^A\d+ ")).Select(name => int.Parse(name.Split(' ')[0][1..]))
            .Concat(NotHere.Keys)
            .Concat(Covered)
            .ToHashSet();
        var missing = Enumerable.Range(1, 67).Where(i => !covered.Contains(i)).ToArray();
        Assert.True(missing.Length == 0, "ATTACKS.md items with no test: " + string.Join(", ", missing));
    }

    /// <summary>Items tested in this folder outside the table: HTTP-layer and registry attacks.</summary>
    private static readonly int[] Covered = [6, 38, 39, 40, 41, 42, 43, 46, 55, 56, 58, 59];
}
