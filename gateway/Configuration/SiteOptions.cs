namespace Smp.Gateway.Configuration;

/// <summary>
/// <c>Gateway:Site</c>: read when <c>Gateway:Role</c> is <c>Site</c> (§10). A Site validates proofs with
/// the Issuer's public keys and gets its agents' tokens from the Issuer in batches.
/// </summary>
public sealed class SiteOptions
{
    /// <summary>The most requests in one call to the Issuer (§10); the Issuer refuses more.</summary>
    public const int MaxBatch = 128;

    /// <summary>The most tokens one renewal pass asks for (§10).</summary>
    public const int MaxPerPass = 4096;

    /// <summary><c>Gateway:Site:IssuerUrl</c>: the Issuer's origin, e.g. <c>https://ns.example.com</c>. Required for a Site.</summary>
    public string IssuerUrl { get; set; } = string.Empty;

    /// <summary><c>Gateway:Site:SiteId</c>: this Site's id, as registered at the Issuer under <c>Gateway:Sites</c>. Required for a Site.</summary>
    public string SiteId { get; set; } = string.Empty;

    /// <summary>
    /// <c>Gateway:Site:KeyFile</c>: this Site's RSA private key (PEM, 2048 bits or more), which signs its
    /// requests and decrypts the Issuer's answers. Empty (default): <c>DataDirectory/site-key.pem</c>,
    /// created on first start with owner-only permissions, its public half beside it in <c>site-key.pub.pem</c>
    /// for the Issuer's <c>Gateway:Sites:&lt;id&gt;:PublicKeyFile</c>.
    /// </summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary><c>Gateway:Site:BatchDelay</c>: a batch leaves once no hello joined it for this long while no call to the Issuer is in flight. Default 50 ms.</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// <c>Gateway:Site:BatchMaxDelay</c>: the longest a hello waits for its batch to leave, under a steady
    /// stream of hellos or while earlier calls are in flight. Default 1 s: a storm of first hellos is when
    /// batching pays, and a hello that waits is an agent's first contact, not every request.
    /// </summary>
    public TimeSpan BatchMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>Gateway:Site:MaxConcurrentCalls</c>: calls to the Issuer in flight at once. Default 32, the most §10 allows.</summary>
    public int MaxConcurrentCalls { get; set; } = 32;

    /// <summary><c>Gateway:Site:RenewBefore</c>: a cached token asked for again is renewed when it expires within this. Default 15 minutes.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <c>Gateway:Site:RefreshPeriod</c>: how often cached tokens are checked. Default empty: by the tokens'
    /// lifetime as §10 says, every 5 minutes up to one hour, 10 up to 8 hours, 30 beyond.
    /// </summary>
    public TimeSpan? RefreshPeriod { get; set; }

    /// <summary>
    /// <c>Gateway:Site:RevocationCheckPeriod</c>: how often the Site asks the Issuer for the status of the
    /// agents it caches. An agent revoked at the Issuer is refused at this Site within this period (plus
    /// one call), or at once when an answer about it arrives first. Default 5 minutes.
    /// </summary>
    public TimeSpan RevocationCheckPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Gateway:Site:KeyRefreshPeriod</c>: how often the Issuer's JWKS is fetched. Default 5 minutes; keep it below the Issuer's <c>Gateway:Tokens:RotationLead</c>.</summary>
    public TimeSpan KeyRefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Gateway:Site:KeyRefetchFloor</c>: an unknown <c>kid</c> refetches the JWKS at most this often. Default 30 s.</summary>
    public TimeSpan KeyRefetchFloor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>Gateway:Site:IssuerTimeout</c>: the time one attempt of a call to the Issuer may take. Default 5 s.</summary>
    public TimeSpan IssuerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Gateway:Site:IssuerRetries</c>: retries of a failed call, with exponential backoff and jitter. Default 2.</summary>
    public int IssuerRetries { get; set; } = 2;

    /// <summary><c>Gateway:Site:IssuerRetryDelay</c>: the first retry's delay; each next one doubles. Default 1 s.</summary>
    public TimeSpan IssuerRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>Gateway:Site:IssuerBreakDuration</c>: once half of the calls of the last 10 s failed (at least 4),
    /// calls are not tried for this long: hellos that need a new token get 503 <c>issuer-unavailable</c> at once. Default 30 s.
    /// The break ends sooner when the probe (<see cref="IssuerProbePeriod"/>) finds the Issuer answering.
    /// </summary>
    public TimeSpan IssuerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Gateway:Site:HelloTimeout</c>: the longest a hello waits for the Issuer's answer; then it gets 503
    /// <c>issuer-unavailable</c>, and the call (its retries included) goes on, its token cached for the agent's
    /// next hello with that uid. While the Site knows the Issuer does not answer, a hello does not wait at all.
    /// Default 3 s; above <see cref="BatchMaxDelay"/>.
    /// </summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// <c>Gateway:Site:IssuerProbePeriod</c>: while the last call to the Issuer failed or the circuit is open,
    /// its JWKS is fetched this often, outside the circuit; the first answer closes the circuit. Default 1 s.
    /// </summary>
    public TimeSpan IssuerProbePeriod { get; set; } = TimeSpan.FromSeconds(1);
}
