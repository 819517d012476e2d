namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Enrollment</c>: how <c>POST /smp/agents</c> is authenticated (§4).</summary>
public sealed class EnrollmentOptions
{
    /// <summary><c>Gateway:Enrollment:Secret</c>: the value of <c>X-SMP-Enrollment</c>. Empty (default): no secret is accepted. At least 16 characters.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary><c>Gateway:Enrollment:AllowAcc</c>: enrollment with ACC Basic credentials from <c>Gateway:Acc:Accounts</c>. Default true.</summary>
    public bool AllowAcc { get; set; } = true;

    /// <summary>
    /// <c>Gateway:Enrollment:Approval</c>: <c>Auto</c> (default), a new agent is active at once; <c>Manual</c>, it is pending
    /// (hellos get 403 <c>agent-pending</c>) until <c>gateway agents approve ID</c>, unless an <see cref="ApproveNetworks"/> rule approves it.
    /// </summary>
    public string Approval { get; set; } = EnrollmentApproval.Auto;

    /// <summary><c>Gateway:Enrollment:ApproveNetworks</c>: CIDR networks (<c>10.1.0.0/16</c>) whose agents are approved at once under <c>Manual</c>.</summary>
    public List<string> ApproveNetworks { get; set; } = [];

    /// <summary><c>Gateway:Enrollment:BlockNetworks</c>: CIDR networks whose agents are enrolled blocked, in either mode; before the approve rules.</summary>
    public List<string> BlockNetworks { get; set; } = [];
}
