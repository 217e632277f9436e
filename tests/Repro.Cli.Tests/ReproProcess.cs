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

    /// <summary>Runs <c>repro ARGUMENTS --store STORE</c> in <paramref name="project"/> on the project's own store.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Repro(this TestProject project, params string[] arguments) =>
        Run(project.Path, [.. arguments, "--store", project.StorePath]);
}
