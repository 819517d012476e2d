namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Enrollment</c>: how <c>POST /smp/agents</c> is authenticated (§4).</summary>
public sealed class EnrollmentOptions
{
    /// <summary><c>Gateway:Enrollment:Secret</c>: the value of <c>X-SMP-Enrollment</c>. Empty (default): no secret is accepted. At least 16 characters.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary><c>Gateway:Enrollment:AllowAcc</c>: enrollment with ACC Basic credentials from <c>Gateway:Acc:Accounts</c>. Default true.</summary>
    public bool AllowAcc { get; set; } = true;
}
