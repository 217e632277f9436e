using System.Text.Json;
using Repro.Pipeline.Store;

namespace Repro.Cli.Tests.Chaos;

/// <summary>
/// The store as an adversary, through real <c>repro</c> processes: a full disk, a read-only store, an entry replaced by
/// a link, foreign or damaged partial work, a waiter signalled, two runs racing. Each case checks the exit code, one
/// line saying what is wrong, that nothing hangs (every process has a deadline) and that no verified entry is lost.
/// </summary>
public sealed class StoreChaosTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TestProject project = new();
    private readonly Mounts mounts = new();

    public void Dispose()
    {
        mounts.Dispose();
        project.Dispose();
    }

    private (int ExitCode, string Stdout, string Stderr) Repro(string store, params string[] arguments)
    {
        using var process = ReproProcess.Start(project.Path, [.. arguments, "--store", store]);
        var result = process.WaitForExit(Deadline);
        Assert.True(process.Process.ExitCode != 137 && result.ExitCode != -1, $"repro {string.Join(' ', arguments)} hung: {result.Stdout}{result.Stderr}");
        return result;
    }

    private List<string> Keys(string store)
    {
        using var plan = JsonDocument.Parse(Repro(store, "plan", "--json").Stdout);
        return [.. plan.RootElement.GetProperty("artifacts").EnumerateArray()
            .SelectMany(a => a.GetProperty("runs").EnumerateArray()).Select(r => r.GetProperty("key").GetString()!).Distinct()];
    }

    private void TrainAll(string store) => Assert.Equal(0, Repro(store, "run", "--target", "Figure3").ExitCode);

    private void AddARun() => File.WriteAllText(Path.Combine(project.ExperimentsPath, "figure3.yaml"),
        TestProject.TinyFigure3.Replace("[0.005, 0.05]", "[0.005, 0.05, 0.07]", StringComparison.Ordinal));

    private static void AssertVerified(string store, int entries)
    {
        var intact = Directory.GetDirectories(store).Select(Path.GetFileName).Where(n => EntryPath.IsKey(n!)).ToList();
        Assert.Equal(entries, intact.Count);
        Assert.All(intact, key => Assert.Empty(new RunStore(store).Problems(key!)));
    }

    private static void AssertOneLine(string text, string contains)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(contains, StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 1, $"no line says '{contains}': {text}");
        Assert.DoesNotContain("   at ", text);
    }

    [RootFact]
    public void AFullDiskFailsTheRunInOneLineInsteadOfWaitingOnItsOwnLock()
    {
        string disk = project.Combine("disk"), store = Path.Combine(disk, "store");
        mounts.Tmpfs(disk, 512);
        TrainAll(store);
        int trained = Keys(store).Count;
        AddARun();
        Mounts.Fill(disk);

        var (exit, stdout, stderr) = Repro(store, "run", "--target", "Figure3");

        Assert.True(exit == 1, $"exit {exit}: {stdout}{stderr}");
        AssertOneLine(stdout + stderr, "no space left on the device");
        AssertVerified(store, trained);
    }

    [RootFact]
    public void AReadOnlyStoreServesPlanStatusVerifyAndRenderAndRefusesARunInOneLine()
    {
        string store = project.StorePath;
        TrainAll(store);
        int trained = Keys(store).Count;
        mounts.ReadOnly(store);

        foreach (var command in new[] { "plan", "status", "verify", "render" })
        {
            var (code, stdout, stderr) = Repro(store, command);
            Assert.True(code == 0, $"{command}: exit {code}: {stdout}{stderr}");
        }
        AddARun();
        var (exit, output, error) = Repro(store, "run", "--target", "Figure3");
        Assert.True(exit == 1, $"exit {exit}: {output}{error}");
        AssertOneLine(output + error, "the file system is read-only");
        AssertVerified(store, trained);
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("dangling")]
    public void AnEntryReplacedByALinkIsSetAsideAndRecomputedAndWhatItPointsToIsUntouched(string kind)
    {
        string store = project.StorePath;
        TrainAll(store);
        var keys = Keys(store);
        string entry = Path.Combine(store, keys[0]), elsewhere = project.Combine("elsewhere");
        Directory.Move(entry, elsewhere);
        File.CreateSymbolicLink(entry, kind == "folder" ? elsewhere : project.Combine("nothing-here"));

        var verify = Repro(store, "verify");
        Assert.True(verify.ExitCode == 1, $"exit {verify.ExitCode}: {verify.Stdout}{verify.Stderr}");
        AssertOneLine(verify.Stdout, $"corrupt {keys[0]}: the entry is a link");
        Assert.True(Directory.Exists(Path.Combine(elsewhere)), "what the link pointed to is untouched");

        Assert.Equal(0, Repro(store, "run", "--target", "Figure3").ExitCode);
        AssertVerified(store, keys.Count);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("link")]
    public void APlainFileOrALinkAtAKeysWorkFolderIsSetAsideAndTheKeyTrains(string kind)
    {
        string store = project.StorePath;
        var key = Keys(store)[0];
        string work = Path.Combine(store, ".work", key);
        Directory.CreateDirectory(Path.GetDirectoryName(work)!);
        if (kind == "file") File.WriteAllText(work, "not a run");
        else File.CreateSymbolicLink(work, project.Path);

        var (exit, stdout, stderr) = Repro(store, "run", "--key", key);

        Assert.True(exit == 0, $"exit {exit}: {stdout}{stderr}");
        AssertOneLine(stdout + stderr, $"the partial work in {work} is a {kind}");
        Assert.Single(Directory.GetFileSystemEntries(Path.Combine(store, ".work", ".rejected")));
        AssertVerified(store, 1);
        Assert.True(File.Exists(project.Combine("Repro.sln")), "a link's target is untouched");
    }

    [Fact]
    public void ARunWaitingForAnotherProcesssLockStopsAtOnceOnSigterm()
    {
        string store = project.StorePath;
        var key = Keys(store)[0];
        // Held as another process holds it: the key's lock file open exclusively (flock).
        Directory.CreateDirectory(Path.Combine(store, ".locks"));
        using var held = new FileStream(Path.Combine(store, ".locks", key + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var waiter = ReproProcess.Start(project.Path, "run", "--key", key, "--store", store);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!waiter.WaitForOutput("waiting") && clock.Elapsed < Deadline) Thread.Sleep(100);

        waiter.Signal(15);
        var (exit, stdout, stderr) = waiter.WaitForExit(TimeSpan.FromSeconds(20));

        Assert.True(exit == 143, $"exit {exit}: {stdout}{stderr}");
        Assert.False(Directory.Exists(Path.Combine(store, key)));
    }

    [Fact]
    public void TwoRunsRacingOverOneStoreTrainEveryKeyOnceAndVerifyClean()
    {
        string store = project.StorePath;
        using var first = ReproProcess.Start(project.Path, "run", "--target", "Figure3", "--store", store);
        using var second = ReproProcess.Start(project.Path, "run", "--target", "Figure3", "--store", store);

        Assert.Equal(0, first.WaitForExit(Deadline).ExitCode);
        Assert.Equal(0, second.WaitForExit(Deadline).ExitCode);
        Assert.Equal(0, Repro(store, "verify").ExitCode);
        AssertVerified(store, Keys(store).Count);
    }
}
