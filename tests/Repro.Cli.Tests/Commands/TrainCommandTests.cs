using System.CommandLine;
using Repro.Cli.Commands;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Store;

namespace Repro.Cli.Tests.Commands;

public class TrainCommandTests
{
    private static readonly string DataDirectory = TestData.Directory;

    [Fact]
    public void WritesMetricsAndResumesFromItsCheckpoint()
    {
        using var output = new TemporaryFolder("repro-train-");
        string[] run = ["train", "--data", DataDirectory, "--train-size", "100", "--test-size", "50", "--lr", "0.1", "--seed", "0",
                        "--evaluate-every", "5", "--checkpoint-every", "5", "--threads", "1", "--out", output.Path];

        Assert.Equal(0, Invoke([.. run, "--steps", "10"]));
        Assert.Equal(0, Invoke([.. run, "--steps", "15"]));

        var lines = File.ReadAllLines(output.Combine("metrics.csv"));
        Assert.Equal("step,train_loss,train_accuracy,test_accuracy,sharpness,lambda_min,rotation_cosine,param_distance,hessian_trace,lambda_2,subspace_rotation,v1_subspace_rotation,step_norm,period_two_norm,step_along_v1,clip_fraction,validation_accuracy,preconditioned_sharpness,sqrt_v_q01,sqrt_v_q10,sqrt_v_q50,sqrt_v_q90,sqrt_v_q99", lines[0]);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i.ToString()), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(23, lines[6].Split(',').Length);
        Assert.NotEqual("", lines[6].Split(',')[3]); // step 5 has a test accuracy
        Assert.Equal("", lines[7].Split(',')[3]); // step 6 does not
        var checkpoint = output.Combine(RunFiles.Checkpoints, "step-00000015.tensors");
        Assert.True(File.Exists(checkpoint));
        Assert.Equal(0, Invoke(["curvature", "--data", DataDirectory, "--checkpoint", checkpoint, "--top-k", "2", "--threads", "1"]));
    }

    [Fact]
    public void AMissingDataFolderIsOneLineAndExitCodeTwo()
    {
        using var output = new TemporaryFolder("repro-train-");
        var (exit, error) = InvokeCapturingErrors(["train", "--data", output.Path, "--lr", "0.1", "--steps", "1", "--out", output.Path]);
        Assert.Equal(2, exit);
        var message = error.TrimEnd();
        Assert.StartsWith("error: ", message);
        Assert.Contains("not found", message);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("--optimizer", "lbfgs", "error: --optimizer: 'lbfgs' is not one of gd, sgd, rms-prop, adam, clipped-ada")]
    [InlineData("--lr", "-0.1", "error: --lr: must be a positive number")]
    [InlineData("--batch-size", "10", "error: gd is full-batch: leave batch_size at 0, or use sgd for minibatches")]
    [InlineData("--steps", "0", "error: --steps: must be at least 1")]
    public void FlagsAreCheckedByTheSameRulesAsExperimentFiles(string flag, string value, string expected)
    {
        using var output = new TemporaryFolder("repro-train-");
        var flags = new Dictionary<string, string> { ["--lr"] = "0.1", ["--steps"] = "1", [flag] = value };
        var (exit, error) = InvokeCapturingErrors(["train", "--data", DataDirectory, "--out", output.Path, .. flags.SelectMany(f => new[] { f.Key, f.Value })]);
        Assert.NotEqual(0, exit);
        Assert.Equal(expected, error.Trim().Split('\n')[0].Trim());
    }

    [Fact]
    public void CudaOnThisCpuOnlyBuildIsOneLineNamingTheBuildSwitchAndExitCodeTwo()
    {
        using var folder = new TemporaryFolder("repro-train-");
        var output = folder.Combine("cuda");
        var (exit, error) = InvokeCapturingErrors(["train", "--data", DataDirectory, "--lr", "0.1", "--steps", "1", "--device", "cuda", "--out", output]);
        Assert.Equal(2, exit);
        var message = error.TrimEnd();
        Assert.StartsWith("error: device cuda:", message);
        Assert.Contains("-p:TorchBackend=cuda", message);
        Assert.DoesNotContain('\n', message);
        Assert.False(Directory.Exists(output), "nothing is written for a refused device");
    }

    private static int Invoke(string[] args)
    {
        var root = new RootCommand();
        CommonOptions.AddTo(root);
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CurvatureCommand.Create());
        return root.Parse(args).Invoke();
    }

    /// <summary><see cref="Invoke"/> with standard error captured: the exit code and what the command wrote there.</summary>
    private static (int Exit, string Error) InvokeCapturingErrors(string[] args)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (Invoke(args), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
