namespace Smp.Gateway.LongLivedTokens;

/// <summary>
/// Whether a request's path lies within a long-lived token's path prefix, segment by segment and in any
/// case (IIS paths are case-insensitive). A prefix ending in <c>/</c> names a folder: <c>/Altiris/ASDK.NS/</c>
/// covers <c>/Altiris/ASDK.NS</c> and everything under it. The path is canonical: PathGuard refused the rest.
/// </summary>
internal static class PathScope
{
    public static bool Contains(string prefix, PathString path)
    {
        string folder = prefix.TrimEnd('/');
        return folder.Length == 0 || path.StartsWithSegments(folder, StringComparison.OrdinalIgnoreCase);
    }
}
