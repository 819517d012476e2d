namespace Smp.Gateway.Acc;

/// <summary>What the directory answered to one bind.</summary>
internal enum AccBindResult
{
    Accepted,

    /// <summary>Invalid credentials: the password is wrong (or, for OpenLDAP without the ppolicy control, the account is locked).</summary>
    Rejected,

    /// <summary>The directory says the account is locked (Active Directory's <c>data 775</c>): the password may be right, so it is not remembered as wrong.</summary>
    Locked,
}
