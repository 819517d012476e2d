namespace Smp.Gateway.Acc;

/// <summary>What the directory answered to one bind.</summary>
internal enum AccBindResult
{
    Accepted,

    /// <summary>Invalid credentials: the password is wrong (Active Directory's <c>data 52e</c>).</summary>
    Rejected,

    /// <summary>The account is locked (Active Directory's <c>data 775</c>, OpenLDAP's <c>pwdAccountLockedTime</c>): the password may be right.</summary>
    Locked,

    /// <summary>The account is disabled (<c>data 533</c>).</summary>
    Disabled,

    /// <summary>The account or its password has expired, or the password must be changed (<c>data 532</c>, <c>701</c>, <c>773</c>).</summary>
    Expired,

    /// <summary>
    /// The account may not log on now or from here (<c>data 530</c> logon hours, <c>531</c> workstations), or the
    /// directory gave any other reason than a wrong password: the password may be right, so it is never recorded wrong.
    /// </summary>
    Restricted,

    /// <summary>Not an answer: no bind reached the directory (its circuit is open); the shield counts nothing for it.</summary>
    NotSent,
}
