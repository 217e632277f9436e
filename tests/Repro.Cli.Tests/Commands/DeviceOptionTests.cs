using System.Text.Json;

namespace Repro.Cli.Tests.Commands;

/// <summary>
/// <c>--device</c> on plan, run, status, render and reproduce: it overrides every trainer run's <c>device</c> field and,
/// like the field, enters the key; runs without a device (the diagonal network) keep theirs. On this CPU-only build
/// <c>repro run --device cuda</c> is refused in one line before any run starts.
/// </summary>
public sealed class DeviceOptionTests : IDisposable
{
    private const string Experiment = """
        artifact: Figure1
        description: One MLP run and nothing else.
        render: figure1
        runs:
          gd:
            base: {model: mlp, optimizer: gd, lr: 0.1, steps: 3, train_size: 100, test_size: 50}
        profiles:
          quick: {}
        """;

    private readonly TestProject project = new("figure1.yaml", Experiment);

    public void Dispose() => project.Dispose();

    /// <summary><c>repro</c> on the project's store, with a data folder that does not exist.</summary>
    private (int ExitCode, string Stdout, string Stderr) Repro(params string[] arguments) =>
        project.Repro([.. arguments, "--data", project.Combine("no-data")]);

    private string KeyPlanned(params string[] device)
    {
        var (exit, stdout, stderr) = Repro(["plan", "--json", .. device]);
        Assert.True(exit == 0, stderr);
        using var plan = JsonDocument.Parse(stdout);
        return plan.RootElement.GetProperty("artifacts")[0].GetProperty("runs")[0].GetProperty("key").GetString()!;
    }

    [Fact]
    public void DeviceEntersTheKeyAndCpuIsTheDefault()
    {
        var byDefault = KeyPlanned();
        Assert.Equal(byDefault, KeyPlanned("--device", "cpu"));
        Assert.NotEqual(byDefault, KeyPlanned("--device", "cuda"));
        // auto on a machine without CUDA is the CPU.
        Assert.Equal(byDefault, KeyPlanned("--device", "auto"));
    }

    [Fact]
    public void RunWithCudaOnThisBuildIsOneLineAndExitCodeTwoWithNothingWritten()
    {
        var (exit, stdout, stderr) = Repro("run", "--target", "Figure1", "--device", "cuda");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: device cuda:", stderr);
        Assert.Contains("-p:TorchBackend=cuda", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(project.StorePath) && Directory.EnumerateFileSystemEntries(project.StorePath).Any());
    }

    [Fact]
    public void AnUnknownDeviceIsOneLineNamingTheChoices()
    {
        var (exit, _, stderr) = Repro("plan", "--device", "tpu");
        Assert.Equal(2, exit);
        Assert.Equal("error: --device: 'tpu' is not one of auto, cpu, cuda", stderr.TrimEnd());
    }
}
