using System.Diagnostics;
using System.Runtime.InteropServices;
using Repro.Pipeline.Regeneration;

namespace Repro.Cli.Workers;

/// <summary>
/// <c>repro run --workers N</c>: one batch of keys over N child <c>repro run</c> processes side by side, all into one
/// store. The keys are dealt round-robin in the order given (longest first); a run holds its key's lock, so no two
/// workers ever train one key. Each worker runs in a session of its own, so a signal to this process's group (Ctrl-C
/// in a terminal) does not reach it twice: the first SIGINT or SIGTERM here is passed on once, as SIGTERM, to every
/// worker (a second one would make a worker quit without its checkpoint), and later ones are ignored while the
/// workers checkpoint. The exit code is <see cref="ExitCodes.Combine"/> of this process's signal and the workers'.
/// </summary>
public sealed class WorkerPool
{
    private const int SigTerm = 15;
    private readonly List<Process> workers = [];
    private int signal;

    /// <param name="command">The program and leading arguments that start <c>repro</c> (see <see cref="ReproCommand"/>).</param>
    /// <param name="argumentsFor">A worker's <c>run</c> arguments for its share of the keys.</param>
    public static int Run(IReadOnlyList<string> keys, int count, IReadOnlyList<string> command,
                          Func<IReadOnlyList<string>, IReadOnlyList<string>> argumentsFor, TextWriter output, TextWriter errors)
    {
        var pool = new WorkerPool();
        var shares = Enumerable.Range(0, Math.Min(count, keys.Count))
            .Select(w => keys.Where((_, i) => i % count == w).ToList()).ToList();
        output.WriteLine($"run: {keys.Count} runs over {shares.Count} workers");
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => pool.Forward(c, 130));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => pool.Forward(c, 143));
        var pumps = new List<Task>();
        for (int w = 0; w < shares.Count; w++)
        {
            var process = pool.Start(command, argumentsFor(shares[w]));
            string prefix = $"[worker {w + 1}] ";
            pumps.Add(Pump(process.StandardOutput, output, prefix));
            pumps.Add(Pump(process.StandardError, errors, prefix));
        }
        foreach (var worker in pool.workers) worker.WaitForExit();
        Task.WaitAll(pumps);
        var codes = pool.workers.Select(p => p.ExitCode).ToList();
        for (int w = 0; w < codes.Count; w++)
            if (ExitCodes.IsFailure(codes[w])) errors.WriteLine($"run: worker {w + 1} failed ({ExitCodes.Describe(codes[w])})");
        int interrupted = Volatile.Read(ref pool.signal);
        return ExitCodes.Combine(interrupted != 0 ? [interrupted, .. codes] : codes);
    }

    /// <summary>How to start this same <c>repro</c>: <c>dotnet repro.dll</c>, or the apphost alone.</summary>
    public static IReadOnlyList<string> ReproCommand()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(WorkerPool).Assembly.Location] : [host];
    }

    private Process Start(IReadOnlyList<string> command, IReadOnlyList<string> arguments)
    {
        // setsid(1) puts the worker in a session (and process group) of its own; without it (not Linux), the worker
        // shares this process's group and a terminal's Ctrl-C reaches it directly as well.
        string? setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        var start = new ProcessStartInfo(setsid ?? command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (setsid is null ? command.Skip(1) : command).Concat(arguments)) start.ArgumentList.Add(argument);
        lock (workers)
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
            workers.Add(process);
            // A signal that came while this worker was starting is passed on to it too.
            if (Volatile.Read(ref signal) != 0) Terminate(process);
            return process;
        }
    }

    private void Forward(PosixSignalContext context, int code)
    {
        context.Cancel = true;   // this process waits for its workers whatever the signal
        if (Interlocked.CompareExchange(ref signal, code, 0) != 0) return;
        Console.Error.WriteLine($"{context.Signal}: passing it on once, as SIGTERM, to every worker; each checkpoints its run at the next step boundary");
        lock (workers)
            foreach (var worker in workers) Terminate(worker);
    }

    private static void Terminate(Process worker)
    {
        if (worker.HasExited) return;
        // The worker's group (setsid made it its leader), else the worker alone.
        if (Kill(-worker.Id, SigTerm) != 0) Kill(worker.Id, SigTerm);
    }

    private static async Task Pump(StreamReader from, TextWriter to, string prefix)
    {
        while (await from.ReadLineAsync() is { } line)
            lock (to) to.WriteLine(prefix + line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
