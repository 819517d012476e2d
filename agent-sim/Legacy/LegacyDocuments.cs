using System.Xml.Linq;

namespace Smp.AgentSim.Legacy;

/// <summary>Small XML answers shaped like those of the management server's agent pages.</summary>
internal static class LegacyDocuments
{
    private const string XmlType = "text/xml; charset=utf-8";

    public static async Task<IResult> PoliciesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // An agent posts its inventory of policies; the answer does not depend on it.
        await request.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        string agent = request.Headers[LegacyIdentityGate.AgentHeader].ToString();
        var document = new XElement("ClientPolicies",
            new XAttribute("agent", agent),
            new XAttribute("identity", request.Headers[LegacyIdentityGate.IdentityHeader].ToString()),
            new XAttribute("auth", request.Headers[LegacyIdentityGate.AuthHeader].ToString()),
            new XElement("Policy", new XAttribute("guid", "5f00e96b-93f3-41f0-94a7-7dbbb8ad7c94"),
                new XAttribute("name", "Inventory Plug-in Policy"), new XAttribute("agent", agent)),
            new XElement("Policy", new XAttribute("guid", "a9be0346-1e6a-4b9a-9c1e-3fa1d5a9d8e2"),
                new XAttribute("name", "Software Update Policy"), new XAttribute("agent", agent)));
        return Results.Text(document.ToString(SaveOptions.DisableFormatting), XmlType);
    }

    public static IResult TaskServers() => Results.Text(TaskServersText, XmlType);

    /// <summary>The task servers page; <c>bench --out-of-process</c> has nginx answer it, as the server behind.</summary>
    public static string TaskServersText { get; } = new XElement("TaskServers",
            new XElement("TaskServer", new XAttribute("name", "ts1.example.test"), new XAttribute("priority", 1)),
            new XElement("TaskServer", new XAttribute("name", "ts2.example.test"), new XAttribute("priority", 2)))
        .ToString(SaveOptions.DisableFormatting);
}
