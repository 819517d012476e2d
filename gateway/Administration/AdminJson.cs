using System.Text.Json;

namespace Smp.Gateway.Administration;

/// <summary>The <c>--json</c> form of an admin answer: camelCase, indented, for scripts.</summary>
internal static class AdminJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));

    public static string Time(long? unixSeconds) =>
        unixSeconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "never";
}
