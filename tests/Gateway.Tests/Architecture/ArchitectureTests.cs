using System.Text.RegularExpressions;
using Smp.Gateway.Tests.Configuration;

namespace Smp.Gateway.Tests.Architecture;

/// <summary>
/// The shape of gateway/ as its README draws it: folders that depend one way (a folder is its namespace, so a
/// folder depends on another when it names it in a <c>using</c> or a qualified name), small files, and the
/// container asked for services only where the roles are composed.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const int MaxLines = 220;
    private static readonly string Gateway = Path.Combine(ExampleConfigurationTests.RepositoryRoot(), "gateway");

    [Fact]
    public void Folders_DependOneWay()
    {
        var graph = FolderGraph();
        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"gateway/ folders depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
        Assert.Empty(graph["Protocol"]);
    }

    [Fact]
    public void NoGatewayFile_IsOverTheLimit()
    {
        var long_ = SourceFiles()
            .Select(f => (File: Path.GetRelativePath(Gateway, f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File} ({f.Lines} lines)");

        Assert.Empty(long_);
    }

    [Fact]
    public void TheContainer_IsAskedOnlyWhereRolesAreComposed()
    {
        var locators = SourceFiles()
            .Where(f => !IsCompositionRoot(f))
            .Where(f => ServiceLocator().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Gateway, f));

        Assert.Empty(locators);
    }

    [Fact]
    public void NoRegistration_IsReplaced()
    {
        var replacing = SourceFiles()
            .Where(f => Replacement().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Gateway, f));

        Assert.Empty(replacing);
    }

    /// <summary>The checks above pass on this tree; this shows each would fail on what it looks for.</summary>
    [Fact]
    public void TheChecks_FindWhatTheyLookFor()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["Agents"] = ["State"], ["State"] = ["Replay"], ["Replay"] = ["State"], ["Protocol"] = [],
        };
        Assert.Equal(["State", "Replay", "State"], FindCycle(graph));
        graph["Replay"].Clear();
        Assert.Null(FindCycle(graph));

        Assert.Matches(ServiceLocator(), "var store = sp.GetRequiredService<IAgentStore>();");
        Assert.Matches(ServiceLocator(), "public Thing(IServiceProvider services)");
        Assert.DoesNotMatch(ServiceLocator(), "public Thing(IAgentLookup agents)");
        Assert.Matches(Replacement(), "services.Replace(ServiceDescriptor.Singleton<IAgentStore, SiteAgentStore>());");
        Assert.Matches(Replacement(), "services.RemoveAll<IAgentStore>();");
        Assert.DoesNotMatch(Replacement(), "failures.RemoveAll(at => at <= now - window);");
        Assert.Equal("Replay", Using().Match("using Smp.Gateway.Replay;").Groups[1].Value);
    }

    private static bool IsCompositionRoot(string file) =>
        Path.GetFileName(file) == "GatewayApp.cs" || Path.GetRelativePath(Gateway, file).StartsWith("Composition" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Gateway, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static Dictionary<string, SortedSet<string>> FolderGraph()
    {
        var folders = Directory.GetDirectories(Gateway).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).Cast<string>().ToHashSet();
        var graph = folders.ToDictionary(f => f, _ => new SortedSet<string>());
        var qualified = new Regex(@"(?<![\w.])(?:Smp\.Gateway\.)?(" + string.Join('|', folders) + @")\.[A-Z]");
        foreach (string file in SourceFiles())
        {
            string folder = Path.GetRelativePath(Gateway, file).Split(Path.DirectorySeparatorChar)[0];
            if (!folders.Contains(folder))
            {
                continue; // the composition root's own files at the top
            }

            string code = Comment().Replace(File.ReadAllText(file), "");
            var named = Using().Matches(code).Select(m => m.Groups[1].Value)
                .Concat(qualified.Matches(Using().Replace(code, "")).Select(m => m.Groups[1].Value));
            foreach (string other in named.Where(n => n != folder && folders.Contains(n)))
            {
                graph[folder].Add(other);
            }
        }

        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, SortedSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            int at = path.IndexOf(node);
            if (at >= 0)
            {
                return [.. path[at..], node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (string next in graph[node])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return graph.Keys.Order().Select(Visit).FirstOrDefault(c => c is not null);
    }

    [GeneratedRegex(@"(?m)^using\s+Smp\.Gateway\.(\w+)[\w.]*;")]
    private static partial Regex Using();

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b(GetService|GetRequiredService|GetServices|GetKeyedService)\s*<|\bIServiceProvider\b")]
    private static partial Regex ServiceLocator();

    // Microsoft.Extensions.DependencyInjection.Extensions' Replace and RemoveAll: a registration undone after the fact.
    [GeneratedRegex(@"\bservices\.(Replace|RemoveAll)\s*[<(]|\.RemoveAll<|ServiceDescriptor\.")]
    private static partial Regex Replacement();
}
