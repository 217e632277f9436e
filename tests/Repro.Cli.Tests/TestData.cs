namespace Repro.Cli.Tests;

/// <summary>The data folder for tests that train: REPRO_DATA, else ../shared/data beside the repository.</summary>
public static class TestData
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("REPRO_DATA") is { Length: > 0 } fromEnvironment) return fromEnvironment;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Repro.sln")))
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "data"));
        throw new InvalidOperationException("set REPRO_DATA to the data folder");
    }
}
