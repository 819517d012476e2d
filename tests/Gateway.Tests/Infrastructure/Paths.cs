namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>Paths of the simulated legacy server.</summary>
internal static class Paths
{
    public const string Echo = "/Altiris/NS/Agent/Echo.aspx";
    public const string Policies = "/Altiris/NS/Agent/GetClientPolicies.aspx";
    public const string TaskServers = "/Altiris/TaskManagement/CTAgent/GetClientTaskServers.aspx";
}
