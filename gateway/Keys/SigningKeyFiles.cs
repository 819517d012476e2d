using Smp.Gateway.Configuration;

namespace Smp.Gateway.Keys;

/// <summary>
/// Where the Issuer's keys live on disk, for <c>gateway keys</c>: the signing key and, after a rotation with the
/// generated key file, the previous key beside it, published until the tokens it signed have expired.
/// </summary>
internal sealed class SigningKeyFiles(GatewayOptions options)
{
    /// <summary>True when the gateway generated and manages the key file (<c>Gateway:Tokens:SigningKeyFile</c> empty).</summary>
    public bool Generated => string.IsNullOrEmpty(options.Tokens.SigningKeyFile);

    public string Current => Generated ? Path.Combine(DataDirectory.Ensure(options), SigningKeyLoader.GeneratedKeyFileName) : options.Tokens.SigningKeyFile;

    public string Previous => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Current))!, SigningKeyRotation.PreviousKeyFileName);

    /// <summary>
    /// The previous key, published beside the signing key after a rotation of the generated files; null when
    /// there is none (a configured <c>Gateway:Tokens:SigningKeyFile</c> keeps none). A file holding no key throws
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    public ServerKey? ReadPrevious() =>
        Generated && File.Exists(Previous) ? new ServerKey(SigningKeyLoader.Read(Previous, "Gateway:DataDirectory"), canSign: false) : null;

    /// <summary>
    /// Until when tokens signed by the previous key may still be valid: the current key file was written at the
    /// rotation; a running gateway took it up within two looks of <see cref="SigningKeyFileWatch"/> and went on
    /// signing with the old key for <c>Gateway:Tokens:RotationLead</c>; those tokens live <c>Gateway:Tokens:Lifetime</c>
    /// plus the skew.
    /// </summary>
    public DateTimeOffset PreviousNeededUntil => CurrentSignsFrom + options.Tokens.Lifetime + options.Tokens.ClockSkew;

    /// <summary>
    /// From when a running gateway signs with the key in <see cref="Current"/> after a rotation: the file was written at
    /// the rotation, taken up within two looks of <see cref="SigningKeyFileWatch"/>, and signs after <c>Gateway:Tokens:RotationLead</c>.
    /// </summary>
    public DateTimeOffset CurrentSignsFrom =>
        new DateTimeOffset(File.GetLastWriteTimeUtc(Current), TimeSpan.Zero) + 2 * SigningKeyFileWatch.Period + options.Tokens.RotationLead;
}
