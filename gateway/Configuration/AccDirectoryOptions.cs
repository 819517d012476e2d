namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Acc:Directory</c>: checks ACC passwords by an LDAP simple bind instead of <c>Gateway:Acc:Accounts</c>.</summary>
public sealed class AccDirectoryOptions
{
    /// <summary><c>Url</c>: <c>ldap://host:port</c> or <c>ldaps://host:port</c>. Default empty: no directory, the hashed accounts decide.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>
    /// <c>BindDnTemplate</c>: the bind name, <c>{0}</c> standing for the user as the agent sent it: a DN such as
    /// <c>uid={0},ou=people,dc=example,dc=com</c> (the user is escaped as a DN value), or <c>{0}@example.com</c>,
    /// <c>EXAMPLE\{0}</c>. Default <c>{0}</c>.
    /// </summary>
    public string BindDnTemplate { get; set; } = "{0}";

    /// <summary><c>Users</c>: the ACC accounts the directory may confirm; any other user is refused without a bind. Required with <see cref="Url"/>.</summary>
    public List<string> Users { get; set; } = [];

    /// <summary><c>Timeout</c>: one bind, connection included. Default 00:00:05.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>LockoutThreshold</c>: the directory's own lockout threshold (failed binds before it locks the account);
    /// the shield's budget must stay below it. Default 10, the Windows security baseline.
    /// </summary>
    public int LockoutThreshold { get; set; } = 10;
}
