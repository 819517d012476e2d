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

    /// <summary>
    /// <c>ServiceBindDn</c>: an account the gateway binds as to read the ACC account's failed binds and lock from the
    /// directory itself (Active Directory <c>badPwdCount</c>, <c>lockoutTime</c> and the domain's lockout policy;
    /// OpenLDAP ppolicy <c>pwdFailureTime</c>, <c>pwdAccountLockedTime</c> and the policy's <c>pwdMaxFailure</c>),
    /// so that the shield counts what the directory counts. Default empty: the shield counts the failed binds it
    /// caused itself, fleet-wide, against <see cref="LockoutThreshold"/>.
    /// </summary>
    public string ServiceBindDn { get; set; } = string.Empty;

    /// <summary><c>ServicePassword</c>: <see cref="ServiceBindDn"/>'s password; give it through the environment. Default empty.</summary>
    public string ServicePassword { get; set; } = string.Empty;

    /// <summary>
    /// <c>PasswordPolicyDn</c>: for OpenLDAP, the ppolicy entry that applies to the ACC account when its entry names
    /// none (<c>pwdPolicySubentry</c>), i.e. the overlay's <c>ppolicy_default</c>. Default empty: then
    /// <see cref="LockoutThreshold"/> stands for <c>pwdMaxFailure</c>.
    /// </summary>
    public string PasswordPolicyDn { get; set; } = string.Empty;
}
