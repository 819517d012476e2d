using System.Globalization;

namespace Smp.Gateway.Tests.Windows;

/// <summary>The last answer in what <c>curl -i</c> wrote (with <c>--negotiate</c> it writes the 401 before it too).</summary>
internal sealed record CurlResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public static CurlResponse Last(string output)
    {
        int start = output.LastIndexOf("HTTP/1.1 ", StringComparison.Ordinal);
        string[] parts = output[start..].Split("\r\n\r\n", 2);
        string[] lines = parts[0].Split("\r\n");
        var headers = lines[1..].Select(l => (l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim())).ToList();
        return new CurlResponse(int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture), headers, parts.Length > 1 ? parts[1] : string.Empty);
    }

    public string? Header(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
