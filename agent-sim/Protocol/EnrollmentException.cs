using System.Net;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Protocol;

/// <summary>Enrollment was refused or answered with something other than §4's JSON.</summary>
internal sealed class EnrollmentException(HttpStatusCode status, string? nsError, string detail)
    : Exception($"Enrollment failed: {(int)status}{(nsError is null ? "" : " " + nsError)}{(detail.Length == 0 ? "" : ": " + detail)}")
{
    public HttpStatusCode Status { get; } = status;

    public string? NsError { get; } = nsError;
}
