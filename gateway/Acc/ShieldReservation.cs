namespace Smp.Gateway.Acc;

/// <summary>
/// The answer to a request for one bind: <see cref="Reserved"/>, or the password became known meanwhile
/// (<see cref="Known"/>), or no room: <see cref="InFlight"/> binds elsewhere may still free some, else
/// <see cref="RetryAfter"/> says when the oldest counted failure leaves the window.
/// </summary>
internal readonly record struct ShieldReservation(bool Reserved, PasswordStanding Known, int InFlight, TimeSpan RetryAfter, long Now);
