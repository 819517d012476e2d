namespace Smp.Gateway.Diagnostics;

/// <summary>
/// The log categories an administrator filters on (<c>Logging:LogLevel:&lt;category&gt;</c>), named after the
/// original system's log filters. A filter is a prefix: <c>Smp.Gateway.Token</c> also covers
/// <c>Smp.Gateway.Token.Cache</c> and <c>Smp.Gateway.Token.Registry</c>, as the original's "Token" filter
/// covered every token record; the longest matching filter wins.
/// </summary>
internal static class LogCategories
{
    /// <summary>"Token": hellos, tokens issued, proofs accepted and refused, with the agent and the <c>jti</c>.</summary>
    public const string Token = "Smp.Gateway.Token";

    /// <summary>"Token cache": a Site's tokens asked of the Issuer, cached, renewed and dropped; revocations it learns.</summary>
    public const string TokenCache = "Smp.Gateway.Token.Cache";

    /// <summary>"Token registry": each counter checked, the registry's state after it (Debug), and the clean-up.</summary>
    public const string TokenRegistry = "Smp.Gateway.Token.Registry";

    /// <summary>"Server keys:": signing keys loaded, rotated, activated and retired; the Issuer's keys a Site fetched.</summary>
    public const string ServerKeys = "Smp.Gateway.ServerKeys";

    /// <summary>"Request:" (Debug): every request, its number and connection, its headers with credentials withheld.</summary>
    public const string Request = "Smp.Gateway.Request";

    /// <summary>"Response:" (Debug): every response, with the request's number and connection, status, time and headers.</summary>
    public const string Response = "Smp.Gateway.Response";

    /// <summary>The Issuer's side of the Site calls (§10): requests refused, tokens handed to Sites.</summary>
    public const string Sites = "Smp.Gateway.Sites";

    /// <summary>Enrollment and agents' keys.</summary>
    public const string Agents = "Smp.Gateway.Agents";

    /// <summary>ACC: refusals with the account, address, User-Agent and password fingerprint; the shield; rotation.</summary>
    public const string Acc = "Smp.Gateway.Acc";

    /// <summary>Push-install and ASDK tokens accepted and refused.</summary>
    public const string LongLivedTokens = "Smp.Gateway.LongLivedTokens";

    /// <summary>Windows authentication (Negotiate) of agents' machine accounts: accepted, refused, HTTP/2 streams reset.</summary>
    public const string Windows = "Smp.Gateway.Windows";

    /// <summary>Routes: each route's codebase and access type, on every load of the configuration.</summary>
    public const string Routes = "Smp.Gateway.Routes";

    /// <summary>The servers behind: unreachable (one line per cause), readiness lost and back.</summary>
    public const string Upstream = "Smp.Gateway.Upstream";

    /// <summary>The shared state store (Redis): connected, lost, back.</summary>
    public const string State = "Smp.Gateway.State";

    /// <summary>"ACC use" (Information): each ACC authentication that succeeded, with the account, address, User-Agent and route.</summary>
    public const string AccUse = "Smp.Gateway.AccUse";

    /// <summary>The activity (Insight/): flushes of last-seen times and counts to the store, and their failures.</summary>
    public const string Insight = "Smp.Gateway.Insight";

    /// <summary>Audit: every change an administrator made with a <c>gateway</c> subcommand, with the operating-system user who ran it.</summary>
    public const string Audit = "Smp.Gateway.Audit";

    /// <summary>Changes an administrator made with the <c>gateway</c> subcommands: the audit trail.</summary>
    public const string Administration = "Smp.Gateway.Administration";
}
