namespace Repro.Cli.Tests.Chaos;

/// <summary><c>repro data fetch</c> waiting for another fetch of the same data folder: it says so, and a signal ends the wait at once.</summary>
public sealed class FetchChaosTests : IDisposable
{
    private readonly TemporaryFolder folder = new("repro-chaos-fetch-cli-");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AFetchWaitingForAnotherFetchOfItsFolderStopsAtOnceOnSigterm()
    {
        string data = Directory.CreateDirectory(folder.Combine("data")).FullName;
        string mirror = Directory.CreateDirectory(folder.Combine("mirror")).FullName;
        // Held as another fetch holds it: the folder's lock file open exclusively (flock).
        using var held = new FileStream(Path.Combine(data, ".fetch.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var waiter = ReproProcess.Start(folder.Path, "data", "fetch", "--dataset", "fashion-mnist", "--data", data, "--mirror", new Uri(mirror).AbsoluteUri);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!waiter.WaitForOutput("another fetch is writing into") && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(100);

        waiter.Signal(15);
        var (exit, stdout, stderr) = waiter.WaitForExit(TimeSpan.FromSeconds(20));

        Assert.True(exit == 143, $"exit {exit}: {stdout}{stderr}");
        Assert.Equal([".fetch.lock"], Directory.GetFileSystemEntries(data).Select(Path.GetFileName));
    }
}
