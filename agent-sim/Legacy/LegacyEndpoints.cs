namespace Smp.AgentSim.Legacy;

/// <summary>The few pages of a management server that agents call.</summary>
internal static class LegacyEndpoints
{
    public const string PoliciesPath = "/Altiris/NS/Agent/GetClientPolicies.aspx";
    public const string TaskServersPath = "/Altiris/TaskManagement/CTAgent/GetClientTaskServers.aspx";
    public const string PackagesPrefix = "/Altiris/Packages";
    /// <summary>Packages the gateway serves as a UNC codebase: ACC only, the agent's Basic credentials passed on.</summary>
    public const string UncPackagesPrefix = "/Altiris/UncPackages";
    public const string EchoPath = "/Altiris/NS/Agent/Echo.aspx";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(PoliciesPath, [HttpMethods.Get, HttpMethods.Post], LegacyDocuments.PoliciesAsync);
        endpoints.MapGet(TaskServersPath, LegacyDocuments.TaskServers);
        endpoints.MapGet(PackagesPrefix + "/{packageId}/{file}", (string packageId, string file) =>
            Results.File(LegacyPackage.Content(packageId, file), "application/octet-stream",
                enableRangeProcessing: true));
        endpoints.MapGet(UncPackagesPrefix + "/{packageId}/{file}", (HttpContext context, string packageId, string file) =>
            LegacyPackage.HasAccOfIdentity(context.Request)
                ? Results.File(LegacyPackage.Content(packageId, file), "application/octet-stream", enableRangeProcessing: true)
                : Results.StatusCode(StatusCodes.Status401Unauthorized));
        endpoints.MapMethods(EchoPath, [HttpMethods.Get, HttpMethods.Post], LegacyEcho.Write);
    }
}
