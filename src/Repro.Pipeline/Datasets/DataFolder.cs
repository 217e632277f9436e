namespace Repro.Pipeline.Datasets;

/// <summary>
/// The one place that decides where data sets live: <c>--data</c>, else <c>REPRO_DATA</c>, else the user's cache
/// (<c>$XDG_CACHE_HOME/repro/data</c> or <c>~/.cache/repro/data</c> on Linux; LocalApplicationData elsewhere).
/// Core only ever receives the resolved path.
/// </summary>
public static class DataFolder
{
    public const string EnvironmentVariable = "REPRO_DATA";

    public static string Resolve(string? setting = null)
    {
        if (!string.IsNullOrWhiteSpace(setting))
            return Path.GetFullPath(setting);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);
        return UserCache();
    }

    /// <summary>Where <c>repro data fetch</c> puts data when nothing says otherwise.</summary>
    public static string UserCache()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
            var cache = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "repro", "data");
        }
        // Windows: %LOCALAPPDATA%; macOS: ~/Library/Application Support.
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "repro", "data");
    }

    /// <summary>Whether the folder was named by the user (<c>--data</c> or <c>REPRO_DATA</c>) rather than the default cache.</summary>
    public static bool IsUserChosen(string? setting) =>
        !string.IsNullOrWhiteSpace(setting) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));
}
