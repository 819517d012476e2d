namespace Smp.Gateway.Routing;

/// <summary>How a route authenticates, from its YARP metadata <c>SmpAuth</c>.</summary>
internal enum RouteAuthMode
{
    /// <summary>SMPToken only (the default when <c>SmpAuth</c> is absent).</summary>
    Token,

    /// <summary>SMPToken preferred; ACC Basic accepted too.</summary>
    TokenOrAcc,

    /// <summary>ACC Basic only: package codebases that tokens cannot serve (UNC).</summary>
    Acc,

    /// <summary>Windows authentication only: <c>Negotiate</c> (Kerberos, NTLM where available), per connection.</summary>
    Windows,

    /// <summary>SMPToken preferred; Windows authentication accepted too, during a migration.</summary>
    TokenOrWindows,

    /// <summary>No authentication ("allow anonymous access to package codebases").</summary>
    Anonymous,
}
