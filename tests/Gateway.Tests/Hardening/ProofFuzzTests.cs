using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// ATTACKS.md I66, bounded for CI: mutations of real proofs, hellos and enrollments. None is accepted,
/// none makes a 500, and no proof makes the validator allocate without bound.
/// </summary>
public sealed class ProofFuzzTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const long MaxAllocationPerProof = 64 * 1024;
    private static long _counter = 1000;

    [Fact]
    public async Task Validate_MutatedProofs_NeverAcceptedNeverThrowsBoundedAllocation()
    {
        var c = await ProofCase.NewAsync(fixture.Host);
        var validator = c.Host.Gateway.Services.GetRequiredService<ProofValidator>();
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        var failures = new List<string>();

        string original = c.Agent.Proof(token, c.Uid, Interlocked.Increment(ref _counter));
        var cases = Gen.Sample(ProofMutator.Mutations(original), 3000);
        foreach (string mutated in cases)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var pending = validator.ValidateAsync(mutated, default);
            bool synchronous = pending.IsCompleted;
            var result = await pending;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (result.Succeeded)
            {
                failures.Add("accepted: " + Describe(mutated));
            }

            if (synchronous && allocated > MaxAllocationPerProof)
            {
                failures.Add($"{allocated} bytes for: " + Describe(mutated));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        using var honest = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + original);
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
    }

    [Fact]
    public async Task Http_MutatedProofsHellosAndEnrollments_NeverAcceptedNever500()
    {
        var c = await ProofCase.NewAsync(fixture.Host);
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        var proofs = Gen.Sample(ProofMutator.Mutations(c.Agent.Proof(token, c.Uid, Interlocked.Increment(ref _counter)), asciiOnly: true), 150);
        var hellos = Gen.Sample(Mutate(c.Agent.Hello(c.Uid)), 100);
        var bodies = Gen.Sample(Mutate(TestAgent.New().EnrollmentBody()), 100);
        var failures = new List<string>();

        foreach (string proof in proofs)
        {
            using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof, r => r.Headers.ConnectionClose = true);
            Check(response, "proof", proof, allowOk: false, failures);
        }

        foreach (string hello in hellos)
        {
            using var response = await TestAgent.SendAsync(client, Paths.Echo, hello, r => r.Headers.ConnectionClose = true);
            Check(response, "hello", hello, allowOk: false, failures);
        }

        foreach (string body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
            using var response = await client.SendAsync(request);
            Check(response, "enrollment", body, allowOk: true, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static void Check(HttpResponseMessage response, string kind, string input, bool allowOk, List<string> failures)
    {
        int status = (int)response.StatusCode;
        if (status >= 500 || (!allowOk && status is >= 200 and < 300))
        {
            failures.Add($"{kind} answered {status}: {Describe(input)}");
        }
    }

    private static Gen<string> Mutate(string text)
    {
        var character = Gen.Elements("\"=, .\\{}[]:0aA-\t".ToCharArray());
        return Gen.OneOf(
            Gen.Zip(Gen.Choose(0, text.Length - 1), character).Select(t => text[..t.Item1] + t.Item2 + text[(t.Item1 + 1)..]),
            Gen.Zip(Gen.Choose(0, text.Length), character).Select(t => text[..t.Item1] + t.Item2 + text[t.Item1..]),
            Gen.Choose(0, text.Length - 1).Select(i => text.Remove(i, 1)),
            Gen.Choose(0, text.Length).Select(i => text[..i]));
    }

    private static string Describe(string input) => input.Length > 120 ? input[..120] + "..." : input;
}
