namespace Smp.Gateway.Windows;

/// <summary>What a <c>Negotiate</c> leg made of a request.</summary>
/// <param name="Account">Authenticated: the account (<c>EXAMPLE\HOST$</c>).</param>
/// <param name="Challenge">
/// A <c>WWW-Authenticate</c> value to send: the next leg (<c>Negotiate &lt;token&gt;</c>, with a 401) while the handshake
/// goes on, or the server's last token beside an authenticated answer (mutual authentication); null for none.
/// </param>
/// <param name="Status">Refused: 400 or 401.</param>
/// <param name="Error">Refused: the <c>X-SMP-NSError</c> code.</param>
internal sealed record WindowsResult(string? Account, string? Challenge, int Status = 0, string? Error = null)
{
    public bool Authenticated => Account is not null;

    public static WindowsResult Refused(int status, string error) => new(null, null, status, error);
}
