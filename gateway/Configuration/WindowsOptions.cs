namespace Smp.Gateway.Configuration;

/// <summary>
/// <c>Gateway:Windows</c>: inbound Windows authentication (Negotiate: Kerberos, and NTLM where the platform has it) on
/// routes whose <c>SmpAuth</c> is <c>Windows</c> or <c>TokenOrWindows</c>. Read at start.
/// </summary>
public sealed class WindowsOptions
{
    /// <summary>
    /// <c>Gateway:Windows:Keytab</c>: the keytab holding the key of the gateway's HTTP service principal
    /// (<c>HTTP/ns.example.com</c>), exported from the domain; it becomes <c>KRB5_KTNAME</c> for the process. Readable by
    /// the gateway, not by everyone. Empty (default): no route may use Windows authentication.
    /// </summary>
    public string Keytab { get; set; } = string.Empty;

    /// <summary>
    /// <c>Gateway:Windows:Domain</c>: the NetBIOS name of the domain (<c>EXAMPLE</c>), for <c>X-SMP-Agent</c>:
    /// <c>HOST$@EXAMPLE.TEST</c> is sent as <c>EXAMPLE\HOST$</c>. Empty (default): the first label of the Kerberos realm.
    /// </summary>
    public string Domain { get; set; } = string.Empty;
}
