using System.Text;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// <c>proof</c>: <see cref="ProofParser.TryParse"/>, then, for what parses, the whole
/// <see cref="ProofValidator"/> of a configured world. A crash is an exception escaping either, a
/// validation that does not finish synchronously, or an accepted proof the agent never signed.
/// </summary>
internal sealed class ProofTarget
{
    private readonly FuzzWorld _world;
    private readonly HashSet<string> _signed;

    public ProofTarget(FuzzWorld world)
    {
        _world = world;
        _signed = ProofSeeds.Accepted(new ProofForge(world)).Select(s => s.Text).ToHashSet(StringComparer.Ordinal);
    }

    public void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        if (!ProofParser.TryParse(text, out _, out _))
        {
            return;
        }

        var pending = _world.NewValidator().ValidateAsync(text, CancellationToken.None);
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("The validation did not complete synchronously against in-memory stores.");
        }

        ProofValidationResult result = pending.Result;
        if (result.Succeeded && !_signed.Contains(text))
        {
            throw new InvalidOperationException("A proof that the agent never signed was accepted.");
        }

        if (!result.Succeeded && result.Status is not (401 or 403))
        {
            throw new InvalidOperationException($"Unexpected status {result.Status} ({result.Error}).");
        }
    }
}
