using System.Text.Json.Nodes;

namespace Smp.AgentSim.Demo;

/// <summary>Flat settings (<c>Section:Key</c>) written as the nested JSON a gateway's <c>--config</c> file holds.</summary>
internal static class GatewayConfigFile
{
    /// <summary>Writes <paramref name="settings"/> to <paramref name="path"/>; returns its full path.</summary>
    public static string Write(string path, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings)
        {
            JsonObject node = root;
            string[] parts = key.Split(':');
            foreach (string part in parts[..^1])
            {
                node = (JsonObject)(node[part] ??= new JsonObject());
            }

            node[parts[^1]] = value;
        }

        File.WriteAllText(path, root.ToJsonString());
        return Path.GetFullPath(path);
    }
}
