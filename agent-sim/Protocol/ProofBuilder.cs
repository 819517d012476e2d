using System.Text.Json;

namespace Smp.AgentSim.Protocol;

/// <summary>Builds the five-part proof of PROTOCOL.md §6.</summary>
internal static class ProofBuilder
{
    public static string Build(AgentIdentity identity, ProofTicket ticket)
    {
        string signingInput = ticket.Token.Text + "." + B64u.Encode(NonceJson(ticket.Token.Uid, ticket.Counter));
        return signingInput + "." + B64u.Encode(identity.Sign(signingInput));
    }

    /// <summary><c>{"uid":"...","ctr":n}</c>: exactly these two members, in this order.</summary>
    public static byte[] NonceJson(string uid, long counter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(counter, 1);
        using var buffer = new MemoryStream(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("uid", uid);
            writer.WriteNumber("ctr", counter);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
