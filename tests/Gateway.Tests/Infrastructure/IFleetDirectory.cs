namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>A real directory that locks the ACC account (slapd with ppolicy, Samba AD), as the fleet runs see it.</summary>
internal interface IFleetDirectory
{
    string Name { get; }
    string Account { get; }
    string Password { get; }
    int LockoutThreshold { get; }

    /// <summary>Failed binds of the ACC account the directory answered, as its own log counts them.</summary>
    int FailedBinds { get; }

    Dictionary<string, string?> Settings(bool serviceBind);

    bool Locked();

    /// <summary>The directory's own failure count, as it stores it (ppolicy's pwdFailureTime, AD's badPwdCount).</summary>
    string FailureRecord();

    /// <summary>Waits until the directory has reported every bind it answered.</summary>
    Task SettleAsync();
}
