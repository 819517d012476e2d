using System.Collections.Immutable;
using System.Globalization;

namespace Smp.AgentSim.Load;

/// <summary>The relative weight of each scenario, written <c>cold=1,warm=6,keepalive=2,replay=1,revoked=0</c>.</summary>
internal sealed class ScenarioMix
{
    private ScenarioMix(ImmutableDictionary<ScenarioKind, int> weights) => Weights = weights;

    public static ScenarioMix Default { get; } = Parse("cold=1,warm=6,keepalive=2,replay=1,revoked=0");

    /// <summary>Every scenario, revocation and ACC included, for a host that can revoke and has an ACC account (the demo).</summary>
    public static ScenarioMix Everything { get; } = Parse("cold=2,warm=6,keepalive=2,replay=1,revoked=1,unc=1,stale-acc=1");

    public ImmutableDictionary<ScenarioKind, int> Weights { get; }

    public int WeightOf(ScenarioKind kind) => Weights.GetValueOrDefault(kind);

    /// <summary>Names left out weigh 0. Throws <see cref="FormatException"/> naming the faulty item.</summary>
    public static ScenarioMix Parse(string text)
    {
        var weights = ImmutableDictionary.CreateBuilder<ScenarioKind, int>();
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pair = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !TryParseName(pair[0], out ScenarioKind kind))
            {
                throw new FormatException($"'{item}' is not name=weight with a name among {string.Join(", ", Names)}");
            }

            if (!int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out int weight) || weight > 1000)
            {
                throw new FormatException($"'{item}': the weight is a whole number from 0 to 1000");
            }

            if (!weights.TryAdd(kind, weight))
            {
                throw new FormatException($"'{pair[0]}' is given more than once");
            }
        }

        if (weights.Values.Sum() == 0)
        {
            throw new FormatException("at least one scenario needs a weight above 0");
        }

        return new ScenarioMix(weights.ToImmutable());
    }

    /// <summary>Draws a scenario among those <paramref name="available"/>; null when none is.</summary>
    public ScenarioKind? Pick(Random random, Func<ScenarioKind, bool> available)
    {
        int total = Weights.Where(w => available(w.Key)).Sum(w => w.Value);
        if (total == 0)
        {
            return null;
        }

        int draw = random.Next(total);
        foreach ((ScenarioKind kind, int weight) in Weights.Where(w => available(w.Key)).OrderBy(w => w.Key))
        {
            if (draw < weight)
            {
                return kind;
            }

            draw -= weight;
        }

        return null;
    }

    public static string NameOf(ScenarioKind kind) => kind == ScenarioKind.StaleAcc ? "stale-acc" : kind.ToString().ToLowerInvariant();

    public override string ToString() =>
        string.Join(",", Enum.GetValues<ScenarioKind>().Select(k => $"{NameOf(k)}={WeightOf(k)}"));

    private static IEnumerable<string> Names => Enum.GetValues<ScenarioKind>().Select(NameOf);

    private static bool TryParseName(string name, out ScenarioKind kind)
    {
        foreach (ScenarioKind candidate in Enum.GetValues<ScenarioKind>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
