using System.Diagnostics;

namespace Repro.Rehearsal;

/// <summary>Child processes: run one, stream its output indented under the step that runs it, return its exit code.</summary>
public static class Shell
{
    private static readonly object ConsoleLock = new();

    public static void Say(string line)
    {
        lock (ConsoleLock) Console.WriteLine(line);
    }

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; a null <paramref name="environment"/> inherits ours. Null on timeout.</summary>
    public static int? Run(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? environment = null,
                           TimeSpan? timeout = null, string indent = "    | ")
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (k, v) in environment) start.Environment[k] = v;
        }
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Say(indent + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Say(indent + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return null;
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Runs a command that must succeed, quietly; its output is returned, a failure throws with that output.</summary>
    public static string Check(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed (exit {process.ExitCode}): {stderr.Result.Trim()} {stdout.Trim()}");
        return stdout;
    }

    /// <summary>Copies a folder's content into another (created), keeping modes, links and hidden files.</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        Check("cp", "/", "-a", Path.Combine(from, "."), to);
    }
}
