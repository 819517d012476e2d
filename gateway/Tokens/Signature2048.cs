using System.Runtime.CompilerServices;

namespace Smp.Gateway.Tokens;

/// <summary>A 2048-bit RSA signature held inline, so a cached token needs no array of its own (24 bytes of header and a reference less).</summary>
[InlineArray(Length)]
internal struct Signature2048
{
    public const int Length = 256;

    private byte _first;
}
