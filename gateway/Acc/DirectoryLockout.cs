namespace Smp.Gateway.Acc;

/// <summary>
/// What the directory itself says about the ACC account's lockout: the failed binds it counts now (in its
/// observation window), the threshold at which it locks (0: it never locks), and whether it is locked.
/// </summary>
internal sealed record DirectoryLockout(int Failures, int Threshold, bool Locked);
