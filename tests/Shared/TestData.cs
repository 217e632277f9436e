// Linked into every test project (see tests/Directory.Build.props): one way to find the data for tests that read it.
namespace Repro;

/// <summary>The shared data folder: <c>REPRO_DATA</c>, else <c>../shared/data</c> beside the folder holding Repro.sln.</summary>
public static class TestData
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("REPRO_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Repro.sln")))
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "data"));
        }
        throw new InvalidOperationException("set REPRO_DATA: no Repro.sln above the test binary to find ../shared/data from");
    }
}
