namespace Smp.Gateway.Acc;

/// <summary>
/// A password's standing, for how long a wrong one is refused, and the store's clock (Unix milliseconds) at the
/// look-up: a directory read made after it is compared with the failures the store records from then on.
/// </summary>
internal readonly record struct ShieldLookup(PasswordStanding Standing, TimeSpan RetryAfter, long Now);
