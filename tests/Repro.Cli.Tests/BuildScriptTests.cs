using System.Diagnostics;

namespace Repro.Cli.Tests;

/// <summary>
/// build.sh before Cake starts, run with a stand-in <c>dotnet</c> that prints what it was given: the first run says what
/// it downloads, and output that is not a terminal is asked to be plain (NO_COLOR) so logs carry no ANSI codes.
/// </summary>
public sealed class BuildScriptTests : IDisposable
{
    private readonly TemporaryFolder folder = new("repro-build-sh-");

    public void Dispose() => folder.Dispose();

    private (string Stdout, string Stderr) RunBuildSh(string nugetPackages)
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Repro.sln"))) repository = repository.Parent!;
        string project = folder.Combine("project"), bin = folder.Combine("bin");
        Directory.CreateDirectory(project);
        Directory.CreateDirectory(bin);
        File.Copy(Path.Combine(repository.FullName, "build.sh"), Path.Combine(project, "build.sh"), overwrite: true);
        string dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, "#!/usr/bin/env bash\necho \"dotnet $* NO_COLOR=${NO_COLOR:-unset}\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("build.sh");
        start.ArgumentList.Add("--target=Status");
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["NUGET_PACKAGES"] = nugetPackages;
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "build.sh did not finish");
        Assert.True(process.ExitCode == 0, stderr.Result);
        return (stdout.Result, stderr.Result);
    }

    [Fact]
    public void TheFirstRunSaysWhatItDownloadsAndRedirectedOutputIsPlain()
    {
        var (stdout, stderr) = RunBuildSh(folder.Combine("empty-nuget"));
        Assert.Contains("build.sh: first run: restoring .NET tools and packages (about 1.8 GB", stderr);
        Assert.Contains("dotnet cake build.cake --target=Status NO_COLOR=1", stdout);

        Directory.CreateDirectory(folder.Combine("nuget", "torchsharp"));
        Assert.DoesNotContain("first run", RunBuildSh(folder.Combine("nuget")).Stderr);
    }
}
