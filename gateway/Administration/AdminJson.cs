using System.Text.Json;

namespace Smp.Gateway.Administration;

/// <summary>The <c>--json</c> form of an admin answer: camelCase, indented, for scripts.</summary>
internal static class AdminJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>For the text form: <c>2026-12-02 11:27:00Z</c>, or <c>never</c>.</summary>
    public static string Time(long? unixSeconds) =>
        unixSeconds is { } s ? Time(DateTimeOffset.FromUnixTimeSeconds(s)) : "never";

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>For the JSON form: ISO 8601 in UTC (<c>2026-12-02T11:27:00Z</c>), or null for never.</summary>
    public static string? Iso(long? unixSeconds) => unixSeconds is { } s ? Iso(DateTimeOffset.FromUnixTimeSeconds(s)) : null;

    public static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
