namespace Smp.Gateway.Acc;

/// <summary>The hashed accounts of <c>Gateway:Acc:Accounts</c>, for small installations without a directory.</summary>
internal sealed class ConfiguredAccDirectory(AccCredentialValidator validator) : IAccDirectory
{
    // PBKDF2 is tens of milliseconds of CPU: off the request's thread like a network bind.
    public Task<AccBindResult> BindAsync(string account, string password, CancellationToken cancel) =>
        Task.Run(() => validator.Validate(account, password) is null ? AccBindResult.Rejected : AccBindResult.Accepted, cancel);
}
