using Smp.Gateway.Agents;
using Smp.Gateway.Enrollment;

namespace Smp.Gateway.Fuzz;

/// <summary><c>enrollment</c>: <see cref="EnrollmentRequest.TryParse"/>; every refusal must name its field.</summary>
internal static class EnrollmentTarget
{
    public static void Run(ReadOnlySpan<byte> input)
    {
        EnrollmentRequest? request = EnrollmentRequest.TryParse(input, out string? error);
        if ((request is null) == (error is null))
        {
            throw new InvalidOperationException("A request and an error at once, or neither.");
        }

        if (request is not null && request.Key.ModulusBits < EnrollmentRequest.MinimumModulusBits)
        {
            throw new InvalidOperationException("A key under the minimum size was accepted.");
        }
    }
}
