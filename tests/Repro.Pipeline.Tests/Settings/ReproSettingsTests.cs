using Repro.Pipeline.Settings;

namespace Repro.Pipeline.Tests.Settings;

public class ReproSettingsTests
{
    private static ReproSettings Resolve(string root, Dictionary<string, string> environment, string? store = null, int? threads = null) =>
        ReproSettings.Resolve(root, store, threads, "/data", name => environment.GetValueOrDefault(name), data => data ?? "/default-data");

    [Fact]
    public void FlagsWinOverTheEnvironmentWhichWinsOverDefaults()
    {
        using var project = new TestProject();
        var environment = new Dictionary<string, string> { ["REPRO_STORE"] = "/tmp/env-store", ["REPRO_THREADS"] = "3" };

        var defaults = Resolve(project.Path, []);
        Assert.Equal(Path.Combine(project.Path, ".repro", "store"), defaults.StoreDirectory);
        Assert.Equal(2, defaults.Threads);
        Assert.Equal("/data", defaults.DataDirectory);

        var fromEnvironment = Resolve(project.Path, environment);
        Assert.Equal("/tmp/env-store", fromEnvironment.StoreDirectory);
        Assert.Equal(3, fromEnvironment.Threads);

        var fromFlags = Resolve(project.Path, environment, store: "/tmp/flag-store", threads: 4);
        Assert.Equal("/tmp/flag-store", fromFlags.StoreDirectory);
        Assert.Equal(4, fromFlags.Threads);
    }

    [Theory]
    [InlineData("two", "REPRO_THREADS: not an integer: 'two'")]
    [InlineData("0", "threads must be between 1 and 1024, got 0")]
    [InlineData("99999", "threads must be between 1 and 1024, got 99999")]
    public void ABadThreadCountIsBadInputNamingItsSource(string value, string message)
    {
        using var project = new TestProject();
        var error = Assert.Throws<ArgumentException>(() => Resolve(project.Path, new() { ["REPRO_THREADS"] = value }));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AStoreThatIsAFileIsBadInputNamingItsSource()
    {
        using var project = new TestProject();
        string file = Path.Combine(project.Path, "not-a-folder");
        File.WriteAllText(file, "kept");
        Assert.Equal($"REPRO_STORE: {file} is a file, not a folder",
            Assert.Throws<ArgumentException>(() => Resolve(project.Path, new() { ["REPRO_STORE"] = file })).Message);
        Assert.Equal($"--store: {file} is a file, not a folder",
            Assert.Throws<ArgumentException>(() => Resolve(project.Path, [], store: file)).Message);
        Assert.Equal("kept", File.ReadAllText(file));
    }

    [Fact]
    public void TheRootIsFoundUpwardsFromAnyFolderInsideTheProject()
    {
        using var project = new TestProject();
        string inside = Path.Combine(project.Path, "experiments");
        Assert.Equal(project.Path, ProjectRoot.Find(inside));
        Assert.Null(ProjectRoot.TryFind(Path.GetPathRoot(project.Path)!));
    }
}
