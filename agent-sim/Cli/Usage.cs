namespace Smp.AgentSim.Cli;

/// <summary>The text of <c>agent-sim --help</c>.</summary>
internal static class Usage
{
    public const string Text = """
        agent-sim: the agent side of the SMPToken protocol, a legacy server, and a load generator.

        Usage:
          agent-sim demo   [--hierarchy] [--agents 200] [--duration 15] [--concurrency 16] [--keys DIR]
                           [--json FILE] [--html FILE] [--log CATEGORY=LEVEL,...]
              Starts a legacy server and a gateway in-process on free 127.0.0.1 ports, runs a load
              with every scenario, prints the summary. Exit code 0 when every scenario behaved.
              Its gateway also has a UNC-codebase route (ACC only) and one ACC account with a
              password made per run, for the unc and stale-acc scenarios.
              --hierarchy: an Issuer and two Sites instead (PROTOCOL.md §10), each in front of its own
              legacy server; agents enroll at the Issuer and authenticate at the Sites.

          agent-sim legacy [--urls http://127.0.0.1:8081] [--require headers|basic|negotiate] [--basic-user NAME]
              Runs the simulated legacy management server until Ctrl+C. --require: what it demands, as an
              unmodified IIS: the gateway's X-SMP-* headers (default), Basic as NAME (password in the
              environment variable AGENTSIM_LEGACY_PASSWORD), or Negotiate (Kerberos; keytab in KRB5_KTNAME).

          agent-sim load   --gateway URL --secret S [--agents 50] [--concurrency 8] [--duration 10]
                           [--max-requests M] [--mix cold=1,warm=6,keepalive=2,replay=1,revoked=0,hostile=0,unc=0,stale-acc=0,windows=0]
                           [--keys .data/agent-keys] [--json FILE] [--html FILE] [--enroll-at ISSUER_URL]
                           [--log CATEGORY=LEVEL,...] [--ca FILE] [--windows-path PATH --windows-host HOST]
                           [--agents-per-key 1] [--idle-timeout 30] [--gateway-pid PID]
              Enrolls N agents with the enrollment secret and runs C workers until the duration or
              the request count is reached. Progress goes to stderr, the summary table to stdout.
              --gateway-pid: the gateway process's VmRSS and VmHWM before enrollment, once all are
              enrolled (and how long it took) and after the load, and the growth per agent. With
              --mix cold=1 --max-requests N every agent makes one hello and one proof. --idle-timeout:
              seconds an agent keeps an idle connection (many agents: 5, as a fleet calls in and hangs up).
              The revoked scenario needs a host that can revoke agents (demo); here it is skipped, as
              are unc (the right ACC on a UNC-codebase route: 200) and stale-acc (an old ACC password:
              401 credentials-invalid, then 429 acc-throttled), which need the demo's ACC account.
              --windows-path, --windows-host: the windows scenario (mix windows=N): domain-joined agents
              send their machine account's Kerberos ticket for HTTP/HOST (Negotiate) to PATH, a route
              with SmpAuth Windows or TokenOrWindows: 200. Tickets come from KRB5CCNAME (kinit -k 'HOST$'
              first) and KRB5_CONFIG.
              --enroll-at: enroll at this Issuer and authenticate at --gateway, a Site.
              --ca: a certificate (PEM or DER) to trust for an https gateway besides the system's, such as
              the gateway's own self-signed one. Exit code 1 when the agents cannot enroll (the cause is said).

          agent-sim soak   [--agents 10000] [--duration 600] [--sample 10] [--concurrency 16]
                           [--agents-per-key 50] [--token-lifetime 120] [--keys DIR] [--json FILE]
                           [--mix cold=2,warm=6,keepalive=2,replay=1,revoked=1,hostile=2] [--log CATEGORY=LEVEL,...]
              The demo's in-process gateway under a long load of honest and hostile agents (hostile:
              forged and tampered proofs, alg none, garbage, bad hellos), sampling this process's
              GC heap, working set, threads and handles every --sample seconds. Memory is flat when
              the median of the last third of the samples is within 10% of the second third's. Exit
              code 0 when it is flat and every scenario behaved. Agent ids share keys (--agents-per-key).

          agent-sim bench  [--seconds 5] [--rounds 6] [--connections 32] [--warmup 1] [--agents 32]
                           [--breakdown false] [--keys .data/agent-keys] [--json FILE]
                           [--out-of-process [--gateway-build DIR] [--compare-build DIR] [--http2 [--streams 8]]]
              Starts the legacy server, plain YARP (same route, no authentication), the gateway and,
              when installed, nginx, on 127.0.0.1; measures them in turn with wrk (required: Debian
              package wrk), each round the same load; prints requests/s and the median ratios.
              --breakdown true also measures the gateway on an anonymous route. Takes about
              (5 or 6 targets x (seconds + warmup) x rounds) plus the signing of the proofs.
              --out-of-process: the server behind (nginx answering the page, else the legacy
              server), plain YARP (agent-sim bench-yarp) and the gateway (DIR/gateway.dll --config
              FILE; default DIR: beside agent-sim) each in its own process; prints their pids, times
              from start to ready, and each one's CPU per request (its process, and nginx's workers).
              --compare-build DIR: a second gateway from another build, measured in the same rounds
              (compared-keepalive, compared-fresh), for a before-and-after ratio from one run.
              --http2: the same over HTTP/2 with prior knowledge (h2c, an endpoint with Protocols:
              Http2 on plain YARP and the gateway), loaded by agent-sim's own driver (a proof on each
              connection's first request, or on every request; --connections default 4, --streams
              per connection 8); plain YARP also by h2load (nghttp2-client) when installed, to check
              the driver against it.

          agent-sim cluster [--nodes 3] [--agents 100000] [--agents-per-key 50] [--duration 600]
                           [--concurrency 64] [--revoke 10] [--stall 3] [--gateway-build DIR] [--keys DIR]
                           [--hierarchy] [--redis-kill] [--json FILE] [--html FILE] [--log CATEGORY=LEVEL,...]
              Starts redis-server (append-only), N gateway processes from the published build
              (dotnet publish gateway -c Release -o DIR; default: the gateway.dll beside agent-sim)
              with the state in Redis, nginx in front (upstream keepalive) and the legacy server
              behind, then the agents through nginx while a node is SIGKILLed and restarted (20 % of
              the run), agents are revoked with `gateway agents revoke` (30 %), Redis is stalled with
              SIGSTOP (45 %) and restarted (70 %). A failed request is retried with a new proof.
              Exit code 0 when no proof reached the legacy server twice (X-SMP-Proof-Id), no revoked
              agent was served, every failure fell inside a fault window (+5 s) and throughput came
              back to 70 % of its level within 30 s of each fault. Needs nginx and redis-server.
              --hierarchy: at 55 % a Site is registered at the nodes (their config file, reloaded)
              and started in front of a second legacy server; a third of the agents (none revoked)
              move to it. --redis-kill: Redis restarted with SIGKILL (the last second of writes
              may be lost) instead of SIGTERM.

          agent-sim --help

        --log CATEGORY=LEVEL[,CATEGORY=LEVEL] (demo, load, soak): the agents' log, to stderr. Categories:
          Smp.Agent.Token.Storage   tokens stored per server, reused for one step, replaced, discarded on
                                    a 403, taken fresh from a 401; a challenge token refused (Warning)
          Smp.Agent.ServerKeys      the server keys learnt at enrollment, id and bits; keys skipped and why
          Smp.Agent.NetworkOperation (Debug) each request: method, URL, credential (none, hello, proof,
                                    connection), status and X-SMP-NSError
          or a prefix (Smp.Agent). Levels: Trace, Debug, Information, Warning, Error, Critical, None.
          Default: every category at Warning. Never a token, a proof, a signature or a password.
          Example: --log Smp.Agent.Token.Storage=Debug,Smp.Agent.ServerKeys=Information
        """;
}
