namespace Smp.Gateway.Acc;

/// <summary>What the shield knows of one password (by its fingerprint) for one account.</summary>
internal enum PasswordStanding
{
    Unknown,
    Right,
    Wrong,
}
