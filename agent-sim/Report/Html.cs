using System.Globalization;
using System.Net;

namespace Smp.AgentSim.Report;

/// <summary>Text into the report: every label HTML-encoded (codes come from a server's headers), numbers invariant.</summary>
internal static class Html
{
    private const int MaxLabelLength = 60;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A label cut to a legend's width, then encoded; the full text stays in the tables.</summary>
    public static string Short(string text) =>
        Encode(text.Length <= MaxLabelLength ? text : string.Concat(text.AsSpan(0, MaxLabelLength - 1), "…"));

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
