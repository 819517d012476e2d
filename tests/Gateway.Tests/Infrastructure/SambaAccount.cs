namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>One ACC account in the Samba domain, as a fleet run sees its directory: its failed binds, badPwdCount and lock.</summary>
internal sealed class SambaAccount(SambaDc dc, string account, string password) : IFleetDirectory
{
    public string Name => "Samba AD";
    public string Account => account;
    public string Password => password;
    public int LockoutThreshold => SambaDc.LockoutThreshold;
    public int FailedBinds => dc.FailedBinds(account);

    public static async Task<SambaAccount> CreateAsync(SambaDc dc, string account, string password = "Right-Pass-123")
    {
        await dc.CreateUserAsync(account, password);
        return new SambaAccount(dc, account, password);
    }

    public Dictionary<string, string?> Settings(bool serviceBind)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Acc:Directory:Url"] = SambaDc.Url,
            ["Gateway:Acc:Directory:BindDnTemplate"] = "{0}@" + SambaDc.Realm,
            ["Gateway:Acc:Directory:Users:0"] = account,
            ["Gateway:Acc:Directory:LockoutThreshold"] = SambaDc.LockoutThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (serviceBind)
        {
            settings["Gateway:Acc:Directory:ServiceBindDn"] = "Administrator@" + SambaDc.Realm;
            settings["Gateway:Acc:Directory:ServicePassword"] = SambaDc.AdminPassword;
        }

        return settings;
    }

    public bool Locked() => dc.Attribute(account, "lockoutTime") is { } t && t != "0";

    public string FailureRecord() => $"badPwdCount {dc.Attribute(account, "badPwdCount") ?? "0"}";

    public Task SettleAsync()
    {
        // Settled: two looks 300 ms apart see the same number of audit lines.
        int last = -1;
        return Eventually.TrueAsync(() => last == (last = dc.AuditLines), every: TimeSpan.FromMilliseconds(300));
    }
}
