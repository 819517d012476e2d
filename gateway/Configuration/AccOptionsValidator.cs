namespace Smp.Gateway.Configuration;

/// <summary>The <c>Gateway:Acc</c> part of <see cref="GatewayOptionsValidator"/>: directory, shield and rotation.</summary>
internal static class AccOptionsValidator
{
    public static void Validate(AccOptions acc, List<string> errors)
    {
        void Check(bool ok, string key, string message)
        {
            if (!ok)
            {
                errors.Add($"Gateway:Acc:{key}: {message}");
            }
        }

        Check(acc.UncWithoutAcc is "Fail" or "Refuse", "UncWithoutAcc", $"'{acc.UncWithoutAcc}' is not one of Fail, Refuse.");

        var d = acc.Directory;
        if (d.Url.Length > 0)
        {
            Check(Uri.TryCreate(d.Url, UriKind.Absolute, out var url) && url.Scheme is "ldap" or "ldaps" && url.AbsolutePath == "/",
                "Directory:Url", $"'{d.Url}' must be ldap://host:port or ldaps://host:port.");
            Check(d.BindDnTemplate.Contains("{0}", StringComparison.Ordinal) && d.BindDnTemplate.Split("{0}").Length == 2,
                "Directory:BindDnTemplate", $"'{d.BindDnTemplate}' must contain {{0}} exactly once.");
            Check(d.Users.Count > 0 && d.Users.All(u => !string.IsNullOrWhiteSpace(u)), "Directory:Users",
                "name at least one ACC account, and no empty one: any other directory user would pass as the ACC.");
        }

        Check(d.Timeout > TimeSpan.Zero && d.Timeout <= TimeSpan.FromMinutes(1), "Directory:Timeout", $"{d.Timeout} is outside 00:00:00 (excluded) to 00:01:00.");
        Check(d.LockoutThreshold >= 2, "Directory:LockoutThreshold", $"{d.LockoutThreshold} is below 2.");

        var s = acc.Shield;
        Check(s.WrongPasswordBudget is null || (s.WrongPasswordBudget >= 1 && s.WrongPasswordBudget < d.LockoutThreshold), "Shield:WrongPasswordBudget",
            $"{s.WrongPasswordBudget} must be at least 1 and below Gateway:Acc:Directory:LockoutThreshold ({d.LockoutThreshold}), or the directory locks the account first.");
        Check(s.RememberRightFor >= TimeSpan.FromSeconds(1) && s.RememberRightFor <= s.RightAtMostFor, "Shield:RememberRightFor",
            $"{s.RememberRightFor} is outside 00:00:01 to Gateway:Acc:Shield:RightAtMostFor ({s.RightAtMostFor}).");
        Check(d.ServiceBindDn.Length == 0 || d.ServicePassword.Length > 0, "Directory:ServicePassword",
            "is required with Gateway:Acc:Directory:ServiceBindDn (give it through the environment, SMPGW_Gateway__Acc__Directory__ServicePassword).");
        Check(s.RememberWrongFor >= TimeSpan.FromMinutes(1), "Shield:RememberWrongFor", $"{s.RememberWrongFor} is below 00:01:00.");
        Check(s.PerSourceLimit >= 1, "Shield:PerSourceLimit", $"{s.PerSourceLimit} is below 1.");
        Check(s.PerSourceWindow >= TimeSpan.FromSeconds(1), "Shield:PerSourceWindow", $"{s.PerSourceWindow} is below 00:00:01.");
        Check(s.CircuitFailureRatio is > 0 and <= 1, "Shield:CircuitFailureRatio", $"{s.CircuitFailureRatio} is outside 0 (excluded) to 1.");
        Check(s.CircuitMinimumThroughput >= 2, "Shield:CircuitMinimumThroughput", $"{s.CircuitMinimumThroughput} is below 2.");
        Check(s.CircuitSamplingDuration >= TimeSpan.FromSeconds(1), "Shield:CircuitSamplingDuration", $"{s.CircuitSamplingDuration} is below 00:00:01.");
        Check(s.CircuitBreakDuration >= TimeSpan.FromSeconds(1), "Shield:CircuitBreakDuration", $"{s.CircuitBreakDuration} is below 00:00:01.");

        var r = acc.Rotation;
        if (r.User.Length > 0 || r.PreviousPasswordHash.Length > 0)
        {
            Check(!string.IsNullOrWhiteSpace(r.User), "Rotation:User", "is required with Gateway:Acc:Rotation:PreviousPasswordHash.");
            Check(PasswordHash.IsWellFormed(r.PreviousPasswordHash), "Rotation:PreviousPasswordHash",
                "is not of the form pbkdf2-sha256$ITERATIONS$SALT$HASH; make one with `gateway hash-password`.");
            Check(r.PreviousPasswordUntil is not null, "Rotation:PreviousPasswordUntil", "is required with Gateway:Acc:Rotation:User (the end of the grace period).");
        }
    }
}
