namespace Repro.Core.Data;

/// <summary>Where the data sets live: an explicit setting, then <c>REPRO_DATA</c>, then the Debian location.</summary>
public static class DataDirectory
{
    public const string EnvironmentVariable = "REPRO_DATA";

    public const string SystemLocation = "/usr/share/datasets";

    public static string Resolve(string? setting = null)
    {
        if (!string.IsNullOrWhiteSpace(setting))
            return Path.GetFullPath(setting);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);
        return SystemLocation;
    }
}
