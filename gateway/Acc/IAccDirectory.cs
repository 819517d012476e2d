namespace Smp.Gateway.Acc;

/// <summary>Where ACC passwords are checked: an LDAP directory by bind, or the hashed accounts of the configuration.</summary>
internal interface IAccDirectory
{
    /// <summary>The directory's answer for these credentials; throws <see cref="AccDirectoryUnavailableException"/> when it gives none.</summary>
    Task<AccBindResult> BindAsync(string account, string password, CancellationToken cancel);
}
