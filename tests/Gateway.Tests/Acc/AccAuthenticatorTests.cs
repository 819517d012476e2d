using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Tests.Acc;

/// <summary>The lockout shield, the previous password's grace and the directory's circuit, against a fake directory.</summary>
public sealed class AccAuthenticatorTests
{
    private const string Account = "svc-acc";
    private const string Right = "right-password";

    [Fact]
    public async Task Authenticate_SameWrongPasswordTwice_SecondRefusedWithoutBind()
    {
        var (acc, directory, _) = Create();

        var first = await acc.AuthenticateAsync(Account, "stale", "10.0.0.1", "agent/1");
        var second = await acc.AuthenticateAsync(Account, "stale", "10.0.0.2", "agent/2");

        Assert.Equal((401, "credentials-invalid"), (first.Status, first.Error));
        Assert.Equal((429, "acc-throttled"), (second.Status, second.Error));
        Assert.Equal(TimeSpan.FromMinutes(30), second.RetryAfter);
        Assert.Equal(1, directory.Binds);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(9, 9)]
    public async Task Authenticate_DistinctWrongPasswords_AtMostBudgetBinds(int budget, int binds)
    {
        var (acc, directory, _) = Create(o => { o.Shield.WrongPasswordBudget = budget; o.Directory.LockoutThreshold = 10; });

        var verdicts = new List<AccVerdict>();
        for (int i = 0; i < 20; i++)
        {
            verdicts.Add(await acc.AuthenticateAsync(Account, "wrong-" + i, "10.0.0." + i, null));
        }

        Assert.Equal(binds, directory.Binds);
        Assert.All(verdicts.Skip(budget), v => Assert.Equal(429, v.Status));
    }

    [Fact]
    public async Task Authenticate_ConcurrentSameWrongPassword_OneBind()
    {
        var (acc, directory, _) = Create();
        directory.Delay = TimeSpan.FromMilliseconds(100);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => acc.AuthenticateAsync(Account, "stale", "10.0.0.1", null)));

        Assert.Equal(1, directory.Binds);
        Assert.DoesNotContain(verdicts, v => v.Accepted);
    }

    [Fact]
    public async Task Authenticate_SuccessAfterFailures_BudgetFreedKnownWrongKept()
    {
        var (acc, directory, _) = Create();
        await acc.AuthenticateAsync(Account, "wrong-1", "10.0.0.1", null);
        await acc.AuthenticateAsync(Account, "wrong-2", "10.0.0.1", null);
        Assert.True((await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null)).Accepted);

        var again = await acc.AuthenticateAsync(Account, "wrong-1", "10.0.0.1", null);
        var fresh = await acc.AuthenticateAsync(Account, "wrong-3", "10.0.0.1", null);

        Assert.Equal(429, again.Status);
        Assert.Equal(401, fresh.Status);
        Assert.Equal(4, directory.Binds);
    }

    [Fact]
    public async Task Authenticate_WrongPasswordAfterRememberWrongFor_BoundAgain()
    {
        var (acc, directory, clock) = Create();
        await acc.AuthenticateAsync(Account, "stale", "10.0.0.1", null);
        clock.Now += TimeSpan.FromMinutes(31);

        var later = await acc.AuthenticateAsync(Account, "stale", "10.0.0.1", null);

        Assert.Equal(401, later.Status);
        Assert.Equal(2, directory.Binds);
    }

    [Fact]
    public async Task Authenticate_SprayFromOneAddress_ThrottledAtPerSourceLimit()
    {
        var (acc, directory, _) = Create(o =>
        {
            o.Shield.PerSourceLimit = 2;
            o.Accounts = Enumerable.Range(0, 10).Select(i => new AccAccount { User = "user" + i }).ToList();
        });

        var verdicts = new List<AccVerdict>();
        for (int i = 0; i < 10; i++)
        {
            verdicts.Add(await acc.AuthenticateAsync("user" + i, "Summer2025!", "10.6.6.6", null));
        }

        Assert.Equal(2, directory.Binds);
        Assert.All(verdicts.Skip(2), v => Assert.Equal((429, "acc-throttled"), (v.Status, v.Error)));
        Assert.Equal(401, (await acc.AuthenticateAsync("user9", "Summer2025!", "10.0.0.9", null)).Status);
    }

    [Fact]
    public async Task Authenticate_DirectoryDown_CircuitOpensAndBindsStop()
    {
        var (acc, directory, _) = Create(o => { o.Shield.CircuitMinimumThroughput = 3; o.Shield.CircuitFailureRatio = 0.5; });
        directory.Down = true;

        var verdicts = new List<AccVerdict>();
        for (int i = 0; i < 10; i++)
        {
            verdicts.Add(await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null));
        }

        Assert.All(verdicts, v => Assert.Equal((503, "directory-unavailable"), (v.Status, v.Error)));
        Assert.Equal(3, directory.Binds);

        // An outage teaches nothing: the password is not remembered as wrong.
        directory.Down = false;
        Assert.Equal(503, (await acc.AuthenticateAsync(Account, Right, "10.0.0.1", null)).Status);
    }

    [Fact]
    public async Task Authenticate_ShieldDisabled_EveryAttemptBinds()
    {
        var (acc, directory, _) = Create(o => o.Shield.Enabled = false);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(401, (await acc.AuthenticateAsync(Account, "stale", "10.0.0.1", null)).Status);
        }

        Assert.Equal(20, directory.Binds);
    }

    [Theory]
    [InlineData("svc-acc", "", 401)]
    [InlineData("someone-else", Right, 401)]
    [InlineData("SVC-ACC", Right, 200)]
    public async Task Authenticate_AccountAndPassword_RefusedWithoutBindUnlessKnown(string user, string password, int status)
    {
        var (acc, directory, _) = Create();
        var verdict = await acc.AuthenticateAsync(user, password, "10.0.0.1", null);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(status == 200 ? 1 : 0, directory.Binds);
    }

    [Theory]
    [InlineData(30, 200, 0)]
    [InlineData(-1, 401, 1)]
    public async Task Authenticate_PreviousPassword_AcceptedWithoutBindDuringGrace(int minutesLeft, int status, int binds)
    {
        var clock = new ManualClock();
        var (acc, directory, _) = Create(o =>
        {
            o.Rotation.User = Account;
            o.Rotation.PreviousPasswordHash = PasswordHash.Create("old-password", 10_000);
            o.Rotation.PreviousPasswordUntil = clock.Now + TimeSpan.FromMinutes(minutesLeft);
        }, clock);

        var verdict = await acc.AuthenticateAsync(Account, "old-password", "10.0.0.1", null);

        Assert.Equal(status, verdict.Status);
        Assert.Equal(status == 200, verdict.PreviousPassword);
        Assert.Equal(binds, directory.Binds);
    }

    internal static (AccAuthenticator Acc, FakeDirectory Directory, ManualClock Clock) Create(Action<AccOptions>? configure = null, ManualClock? clock = null)
    {
        clock ??= new ManualClock();
        var directory = new FakeDirectory(Right);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.None));
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOptions<GatewayOptions>().Configure(o =>
        {
            o.Acc.Accounts = [new AccAccount { User = Account }];
            configure?.Invoke(o.Acc);
        });
        services.AddAcc(new ConfigurationBuilder().Build(), new StateOptions());
        services.AddSingleton<IAccDirectory>(directory);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<AccAuthenticator>(), directory, clock);
    }
}
