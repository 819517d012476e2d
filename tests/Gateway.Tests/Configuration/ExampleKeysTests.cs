using System.Reflection;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Tests.Configuration;

/// <summary>The commented example names every setting of the <c>Gateway</c> section, so an operator finds each one there.</summary>
public sealed class ExampleKeysTests
{
    [Fact]
    public void Example_NamesEveryGatewaySetting()
    {
        string example = Path.Combine(ExampleConfigurationTests.RepositoryRoot(), "config", "gateway.example.json");
        var keys = new ConfigurationBuilder().AddJsonFile(example).Build().AsEnumerable().Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = Settings(typeof(GatewayOptions), GatewayOptions.SectionName)
            .Where(path => !keys.Contains(path) && !keys.Any(k => k.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Empty(missing);
    }

    /// <summary>The path of every setting: each property that holds a value, a list or a dictionary, below the options classes.</summary>
    private static IEnumerable<string> Settings(Type type, string path)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var t = property.PropertyType;
            bool options = t.IsClass && t != typeof(string) && !t.IsGenericType && t.Namespace == typeof(GatewayOptions).Namespace;
            foreach (string setting in options ? Settings(t, $"{path}:{property.Name}") : [$"{path}:{property.Name}"])
            {
                yield return setting;
            }
        }
    }
}
