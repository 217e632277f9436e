using System.Diagnostics;

namespace Repro.Cli.Tests;

/// <summary>Runs the built <c>repro</c> tool as a real child process, the way Cake and users call it.</summary>
public static class ReproProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="Run(string, string[])"/>, with these variables added to the child's environment.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "repro.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts <c>repro</c> in the background, its output collected, for a test to watch, signal or kill.</summary>
    public static RunningRepro Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "repro.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return new RunningRepro(Process.Start(start)!);
    }

    /// <summary>Runs <c>repro ARGUMENTS --store STORE</c> in <paramref name="project"/> on the project's own store.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Repro(this TestProject project, params string[] arguments) =>
        Run(project.Path, [.. arguments, "--store", project.StorePath]);
}

/// <summary>A <c>repro</c> child process started by <see cref="ReproProcess.Start"/>.</summary>
public sealed class RunningRepro : IDisposable
{
    private readonly System.Text.StringBuilder stdout = new(), stderr = new();

    internal RunningRepro(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>Sends a POSIX signal (2 SIGINT, 15 SIGTERM) as a terminal, Slurm or a CI runner would.</summary>
    public void Signal(int signal)
    {
        if (Kill(Process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({Process.Id}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Whether the process has written <paramref name="text"/> (on stdout or stderr) so far.</summary>
    public bool WaitForOutput(string text)
    {
        lock (stdout) lock (stderr) return stdout.ToString().Contains(text, StringComparison.Ordinal) || stderr.ToString().Contains(text, StringComparison.Ordinal);
    }

    /// <summary>Waits for the exit (killing the process after the timeout) and returns what it wrote.</summary>
    public (int ExitCode, string Stdout, string Stderr) WaitForExit(TimeSpan timeout)
    {
        if (!Process.WaitForExit(timeout))
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }
        Process.WaitForExit();   // flushes the asynchronous readers
        lock (stdout) lock (stderr) return (Process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
