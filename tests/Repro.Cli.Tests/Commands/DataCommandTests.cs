namespace Repro.Cli.Tests.Commands;

/// <summary><c>repro data</c> as a real process: where, verify, and a fetch refused for bad bytes.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new("repro-data-cli-");

    [Fact]
    public void WherePrintsTheDataOption()
    {
        var (exit, stdout, _) = ReproProcess.Run(folder.Path, "data", "where", "--data", folder.Path);

        Assert.Equal(0, exit);
        Assert.Equal(folder.Path, stdout.Trim());
    }

    [Fact]
    public void AMirrorServingOtherContentIsRefusedInOneLineAndLeavesNothing()
    {
        var mirror = Directory.CreateDirectory(folder.Combine("mirror")).FullName;
        // The test fixture is valid IDX, but not the official Fashion-MNIST: its checksum cannot match.
        File.Copy(Path.Combine(TestData.Directory, "fashion-mnist", "train-images-idx3-ubyte.gz"), Path.Combine(mirror, "train-images-idx3-ubyte.gz"));
        var data = folder.Combine("data");

        var (exit, stdout, stderr) = ReproProcess.Run(folder.Path, "data", "fetch", "--dataset", "fashion-mnist", "--data", data, "--mirror", new Uri(mirror).AbsoluteUri);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: {new Uri(mirror).AbsoluteUri}/train-images-idx3-ubyte.gz: checksum mismatch: expected SHA-256 c59f468a", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "fashion-mnist")));
    }

    [Fact]
    public void VerifySaysWhatDiffersAndUsesALocalCifarSubsetAsIs()
    {
        var (exit, stdout, _) = ReproProcess.Run(folder.Path, "data", "verify", "--data", TestData.Directory);

        Assert.Equal(1, exit);
        Assert.Contains("fashion-mnist: DIFFERS from the official release", stdout);
        Assert.Contains("cifar10: a local copy", stdout);
        Assert.Contains("used as is", stdout);
    }

    public void Dispose() => folder.Dispose();
}
