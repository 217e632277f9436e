using System.Diagnostics;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

public sealed class RunLockTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "repro-lock-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void LockFileHoldsTheOwnersPidAndIsRemovedOnRelease()
    {
        string path = Path.Combine(_root, ".locks", "k.lock");
        using (RunLock.Acquire(_root, "k"))
            Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void StaleLockOfADeadProcessIsBroken()
    {
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        dead.WaitForExit();
        Directory.CreateDirectory(Path.Combine(_root, ".locks"));
        File.WriteAllText(Path.Combine(_root, ".locks", "k.lock"), dead.Id.ToString());

        using var acquired = RunLock.Acquire(_root, "k");
        Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(Path.Combine(_root, ".locks", "k.lock")));
    }

    [Fact]
    public async Task LiveOwnerMakesOthersWaitUntilRelease()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        Directory.CreateDirectory(Path.Combine(_root, ".locks"));
        string path = Path.Combine(_root, ".locks", "k.lock");
        File.WriteAllText(path, sleeper.Id.ToString());
        int? waitedFor = null;
        var acquiring = Task.Run(() => RunLock.Acquire(_root, "k", owner => waitedFor = owner, TimeSpan.FromMilliseconds(20)));
        await Task.Delay(300);
        Assert.False(acquiring.IsCompleted);
        sleeper.Kill();
        sleeper.WaitForExit();
        using var acquired = await acquiring.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(sleeper.Id, waitedFor);
    }
}
