namespace Repro.Cli.Tests.Chaos;

/// <summary>
/// Hostile input through real <c>repro</c> processes: numbers out of range, contradictory flags, special files where
/// files belong, malformed mirrors, a data folder that refuses. Each is one line on stderr and its exit code, no
/// trace, no hang (every process has a deadline), nothing written.
/// </summary>
public sealed class InputChaosTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TestProject project = new();
    private readonly Mounts mounts = new();

    public void Dispose()
    {
        mounts.Dispose();
        project.Dispose();
    }

    private (int ExitCode, string Stdout, string Stderr) Repro(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var task = Task.Run(() => ReproProcess.Run(project.Path, environment ?? new Dictionary<string, string>(), arguments));
        Assert.True(task.Wait(Deadline), $"repro {string.Join(' ', arguments)} hung");
        return task.Result;
    }

    private static void AssertOneLine((int ExitCode, string Stdout, string Stderr) result, int exit, string says)
    {
        Assert.True(result.ExitCode == exit, $"exit {result.ExitCode}, expected {exit}: {result.Stdout}{result.Stderr}");
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"{lines.Length} lines: {result.Stderr}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(says, lines[0]);
    }

    [Theory]
    [InlineData("run --target Figure3 --time-budget 1e300", "--time-budget: must be a number of seconds from 0 to 4294967")]
    [InlineData("run --target Figure3 --time-budget 5e6", "--time-budget: must be a number of seconds from 0 to 4294967")]
    [InlineData("run --target Figure3 --key 0123456789abcdef01234567", "give --key or --target, not both")]
    [InlineData("plan --json --estimate", "give --json or --estimate, not both")]
    [InlineData("data fetch --dataset fashion-mnist --mirror ftp://127.0.0.1/x", "the scheme ftp: is not supported")]
    [InlineData("data fetch --dataset fashion-mnist --mirror http://[::1/x", "not an absolute URL")]
    [InlineData("data fetch --dataset fashion-mnist --mirror relative/folder", "not an absolute URL")]
    public void OutOfRangeContradictoryOrMalformedOptionsAreOneLineAndExit2(string arguments, string says)
    {
        var result = Repro(null, [.. arguments.Split(' '), "--store", project.StorePath, "--data", project.Combine("data")]);
        AssertOneLine(result, 2, says);
        Assert.False(Directory.Exists(project.StorePath));
    }

    [Theory]
    [InlineData("REPRO_MAX_RUNS", "many", "plan")]
    [InlineData("REPRO_MAX_RUNS", "0", "plan")]
    [InlineData("REPRO_MAX_RUNS", "-5", "plan")]
    [InlineData("REPRO_DOWNLOAD_TIMEOUT", "0", "data fetch --dataset fashion-mnist")]
    [InlineData("REPRO_DOWNLOAD_TIMEOUT", "1e300", "data fetch --dataset fashion-mnist")]
    [InlineData("REPRO_DATA_MIRRORS", "gopher://x", "data fetch --dataset fashion-mnist")]
    public void ABadEnvironmentVariableIsOneLineNamingItAndExit2(string variable, string value, string command)
    {
        var result = Repro(new Dictionary<string, string> { [variable] = value }, [.. command.Split(' '), "--data", project.Combine("data")]);
        AssertOneLine(result, 2, variable == "REPRO_DATA_MIRRORS" ? "gopher" : $"{variable}={value}");
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("device")]
    [InlineData("folder")]
    public void ASpecialFileNamedLikeAnExperimentFileIsRefusedInOneLine(string kind)
    {
        string path = Path.Combine(project.ExperimentsPath, "x.yaml");
        switch (kind)
        {
            case "fifo": Assert.Equal(0, MkFifo(path, 0b110_100_100)); break;
            case "device": File.CreateSymbolicLink(path, "/dev/zero"); break;
            default: Directory.CreateDirectory(path); break;
        }

        var result = Repro(null, "plan", "--store", project.StorePath);

        if (kind == "folder")
            Assert.Equal(0, result.ExitCode);   // a folder is no file: EnumerateFiles never lists it
        else
            AssertOneLine(result, 2, $"{path}:1: a {(kind == "fifo" ? "FIFO" : "device")}, not a regular file");
    }

    [Fact]
    public void AStorePathThatIsAFileIsOneLineAndExit2()
    {
        File.WriteAllText(project.StorePath, "keep me");
        AssertOneLine(Repro(null, "run", "--target", "Figure3", "--store", project.StorePath), 2, "a file, not a folder");
        Assert.Equal("keep me", File.ReadAllText(project.StorePath));
    }

    [Fact]
    public void ADataSetFolderThatIsAFileIsOneLineAndExit1()
    {
        string data = Directory.CreateDirectory(project.Combine("data")).FullName, mirror = Directory.CreateDirectory(project.Combine("mirror")).FullName;
        File.WriteAllText(Path.Combine(data, "fashion-mnist"), "keep me");
        File.WriteAllBytes(Path.Combine(mirror, "train-images-idx3-ubyte.gz"), [1, 2, 3]);

        var result = Repro(null, "data", "fetch", "--dataset", "fashion-mnist", "--data", data, "--mirror", new Uri(mirror).AbsoluteUri);

        AssertOneLine(result, 1, Path.Combine(data, "fashion-mnist"));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(data, "fashion-mnist")));
    }

    [RootFact]
    public void AFetchIntoAReadOnlyDataFolderIsOneLineAndExit1()
    {
        string data = Directory.CreateDirectory(project.Combine("data")).FullName;
        mounts.ReadOnly(data);

        var result = Repro(null, "data", "fetch", "--dataset", "fashion-mnist", "--data", data, "--mirror", new Uri(project.Path).AbsoluteUri);

        AssertOneLine(result, 1, "the file system is read-only");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo(string path, int mode);
}
