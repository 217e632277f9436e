using System.Diagnostics;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

public sealed class RunLockTests : IDisposable
{
    private readonly TemporaryFolder folder = new("repro-lock-");

    public void Dispose() => folder.Dispose();

    private string LockPath => folder.Combine(".locks", "k.lock");

    private void Plant(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        File.WriteAllText(LockPath, content);
    }

    [Theory]
    [InlineData("")]        // created, PID not yet written: read as stale before, while its owner was alive
    [InlineData("0")]       // waited forever before
    [InlineData("self")]    // a container that always runs the tool as PID 1: waited forever before
    [InlineData("1")]
    [InlineData("dead")]
    public async Task LockFileNobodyHoldsIsNoObstacle(string content)
    {
        if (content == "self") content = Environment.ProcessId.ToString();
        if (content == "dead")
        {
            using var dead = Process.Start(new ProcessStartInfo("true"))!;
            dead.WaitForExit();
            content = dead.Id.ToString();
        }
        Plant(content);
        var acquiring = Task.Run(() => RunLock.Acquire(folder.Path, "k", poll: TimeSpan.FromMilliseconds(20)));
        using var acquired = await acquiring.WaitAsync(TimeSpan.FromSeconds(30));   // a TimeoutException names the failure
    }

    [Fact]
    public async Task HolderInThisProcessMakesASecondAcquireWaitAndDisposeReleasesIt()
    {
        var first = RunLock.Acquire(folder.Path, "k");
        var told = new TaskCompletionSource();
        var second = Task.Run(() => RunLock.Acquire(folder.Path, "k", () => told.SetResult(), TimeSpan.FromMilliseconds(20)));
        // Waits for the signal, not for a fixed time: on a loaded machine the task may start late.
        await told.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(100);
        Assert.False(second.IsCompleted);
        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LockHeldByAnotherLiveProcessIsWaitedForAndFreedByTheKernelWhenItDies()
    {
        // flock(1) takes the same advisory lock (flock(2)) that .NET takes for FileShare.None on Unix. The holder says
        // "held" once it has the lock, so the test never races its start-up.
        Plant("");
        using var holder = Process.Start(new ProcessStartInfo("flock", [LockPath, "sh", "-c", "echo held; exec sleep 60"])
        {
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("held", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        var told = new TaskCompletionSource();
        var acquiring = Task.Run(() => RunLock.Acquire(folder.Path, "k", () => told.SetResult(), TimeSpan.FromMilliseconds(20)));
        await told.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(100);
        Assert.False(acquiring.IsCompleted);
        holder.Kill(entireProcessTree: true);   // SIGKILL: no cleanup code runs, the kernel drops the lock
        holder.WaitForExit();
        using var acquired = await acquiring.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task DisposeLeavesTheLockFileAndNeverTouchesAnotherOwnersLock()
    {
        var mine = RunLock.Acquire(folder.Path, "k");
        mine.Dispose();
        Assert.True(File.Exists(LockPath));   // harmless: nobody holds it
        using var next = RunLock.Acquire(folder.Path, "k");
        mine.Dispose();   // a second Dispose of an old lock must not free the new holder's lock
        var other = Task.Run(() => RunLock.Acquire(folder.Path, "k", poll: TimeSpan.FromMilliseconds(20)));
        await Task.Delay(400);
        Assert.False(other.IsCompleted);
        next.Dispose();
        using var third = await other.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
