using Microsoft.Extensions.Time.Testing;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Acc;

/// <summary>§11 in the shield's rules: the right password tried while one more failure cannot lock, account states, memory renewed on use.</summary>
public sealed class ShieldRulesTests
{
    private const string Account = "svc-acc";
    private const string Right = "right-password";

    [Theory]
    [InlineData(5, 3)]
    [InlineData(10, 8)]
    public async Task Authenticate_StalePasswordsUpToThresholdMinusTwoFirst_RightPasswordStillBound(int threshold, int stale)
    {
        var (acc, directory, _) = Create(o => o.Directory.LockoutThreshold = threshold);
        for (int i = 0; i < stale; i++)
        {
            Assert.Equal(401, (await acc.AuthenticateAsync(Account, "stale-" + i, "10.0.0." + i, null)).Status);
        }

        var right = await acc.AuthenticateAsync(Account, Right, "10.0.1.1", null);

        Assert.Equal(200, right.Status);
        Assert.Equal(stale + 1, directory.Binds);
    }

    [Fact]
    public async Task Authenticate_ThresholdMinusOneFailures_UnknownRefusedWithoutBindKnownRightStillAccepted()
    {
        var (acc, directory, _) = Create(o => o.Directory.LockoutThreshold = 5);
        Assert.Equal(200, (await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null)).Status);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(401, (await acc.AuthenticateAsync(Account, "stale-" + i, "10.0.0.2", null)).Status);
        }

        var fifth = await acc.AuthenticateAsync(Account, "stale-4", "10.0.0.3", null);
        var right = await acc.AuthenticateAsync(Account, Right, "10.0.0.4", null);

        Assert.Equal((429, "acc-throttled"), (fifth.Status, fifth.Error));
        Assert.Equal(200, right.Status);
        Assert.Equal(5, directory.Binds);
    }

    [Theory]
    [InlineData("Locked", "acc-locked")]
    [InlineData("Disabled", "acc-disabled")]
    [InlineData("Expired", "acc-expired")]
    [InlineData("Restricted", "acc-disabled")]
    public async Task Authenticate_AccountState_403WithCodeAndPasswordNotRememberedWrong(string state, string code)
    {
        var (acc, directory, _) = Create();
        directory.State = Enum.Parse<AccBindResult>(state);

        var first = await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null);
        var second = await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null);
        directory.State = null;
        var unlocked = await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null);

        Assert.Equal((403, code), (first.Status, first.Error));
        Assert.Equal((403, code), (second.Status, second.Error));
        Assert.Equal(200, unlocked.Status);
        Assert.Equal(3, directory.Binds);
    }

    [Fact]
    public async Task Authenticate_RightPasswordUsed_RenewedUntilRightAtMostFor()
    {
        var (acc, directory, clock) = Create();
        Assert.Equal(200, (await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null)).Status);
        for (int i = 0; i < 11; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(200, (await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null)).Status);
        }

        Assert.Equal(1, directory.Binds);
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(200, (await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null)).Status);
        Assert.Equal(2, directory.Binds);
    }

    [Fact]
    public async Task Authenticate_WrongPasswordUsedOften_NotRenewedBoundAgainRememberWrongForAfterItsBind()
    {
        var (acc, directory, clock) = Create();
        Assert.Equal(401, (await acc.AuthenticateAsync(Account, "stale", "10.0.0.1", null)).Status);
        for (int i = 0; i < 7; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(429, (await acc.AuthenticateAsync(Account, "stale", "10.0.0.1", null)).Status);
        }

        Assert.Equal(1, directory.Binds);
        clock.Advance(TimeSpan.FromMinutes(3));
        directory.RightPassword = "stale";
        Assert.Equal(200, (await acc.AuthenticateAsync(Account, "stale", "10.0.0.1", null)).Status);
        Assert.Equal(2, directory.Binds);
    }

    [Fact]
    public async Task Authenticate_BindsUnansweredUpToThresholdMinusOne_CountedNextUnknownRefusedWithoutBindPasswordNotWrong()
    {
        var (acc, directory, _) = Create(o => { o.Directory.LockoutThreshold = 5; o.Shield.CircuitMinimumThroughput = 100; });
        directory.Down = true;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(503, (await acc.AuthenticateAsync(Account, "unknown-" + i, "10.0.0." + i, null)).Status);
        }

        directory.Down = false;
        var fifth = await acc.AuthenticateAsync(Account, "unknown-4", "10.0.1.1", null);

        Assert.Equal((429, "acc-throttled"), (fifth.Status, fifth.Error));
        Assert.Equal(4, directory.Binds);
    }

    [Fact]
    public async Task Authenticate_WrongBindsAnsweredDuringARightOne_StillCountedAfterIt()
    {
        var (acc, directory, clock) = Create(o => o.Directory.LockoutThreshold = 5);
        directory.HeldPassword = Right;
        var right = acc.AuthenticateAsync(Account, Right, "10.0.0.1", null);
        Assert.True(await Eventually.UntilAsync(() => Task.FromResult(directory.Binds == 1), false));
        clock.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await acc.AuthenticateAsync(Account, "stale-" + i, "10.0.0.2", null)).Status);
        }

        directory.Held.SetResult();
        Assert.Equal(200, (await right).Status);
        Assert.Equal(401, (await acc.AuthenticateAsync(Account, "stale-3", "10.0.0.3", null)).Status);
        var fifth = await acc.AuthenticateAsync(Account, "stale-4", "10.0.0.4", null);

        Assert.Equal((429, "acc-throttled"), (fifth.Status, fifth.Error));
        Assert.Equal(5, directory.Binds);
    }

    [Theory]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563", "Rejected")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 775, v4563", "Locked")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 533, v4563", "Disabled")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 532, v4563", "Expired")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 701, v4563", "Expired")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 773, v4563", "Expired")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 530, v4563", "Restricted")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 531, v4563", "Restricted")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52f, v4563", "Restricted")]
    [InlineData("", "Rejected")]
    [InlineData(null, "Rejected")]
    public void ResultOf_DiagnosticMessage_AccountStateOrWrongPassword(string? diagnostic, string expected) =>
        Assert.Equal(expected, LdapAccDirectory.ResultOf(diagnostic).ToString());

    [Theory]
    [InlineData("20261202113015Z", true)]
    [InlineData("20261202113015.123456Z", true)]
    [InlineData("2026", false)]
    [InlineData("", false)]
    [InlineData("2026120211301xZ", false)]
    public void GeneralizedTime_ShortOrMalformed_NullNotAnException(string value, bool parses) =>
        Assert.Equal(parses, LdapLockoutReader.GeneralizedTime(value) is not null);

    [Theory]
    [InlineData("5", 5)]
    [InlineData("0", 0)]
    [InlineData(null, 7)]
    [InlineData("", 7)]
    [InlineData("many", 7)]
    [InlineData("-1", 7)]
    public void Threshold_AbsentOrUnreadable_ConfiguredNeverUnlimited(string? value, int expected) =>
        Assert.Equal(expected, LdapLockoutReader.Threshold(value, configured: 7));

    private static (AccAuthenticator Acc, FakeDirectory Directory, FakeTimeProvider Clock) Create(Action<AccOptions>? configure = null) =>
        AccAuthenticatorTests.Create(configure);
}
