using System.Diagnostics;

namespace Repro.Cli.Tests.Commands;

/// <summary>
/// A clone holds committed paper-profile results and a store with quick runs only. Before, `repro render` (and so
/// ./build.sh) replaced the paper figures, tables and records with quick ones, leaving them modified for the next commit.
/// Now it keeps them, says once which and how to redraw them, and the gallery gives each artifact's profile, day and machine.
/// </summary>
public sealed class CommittedResultsTests : IDisposable
{
    private const string Figure3 = SmallFigure3.WithPaperProfile;

    private readonly TestProject origin = new(Figure3);
    private readonly TemporaryFolder clones = new("repro-clone-");

    public void Dispose()
    {
        origin.Dispose();
        clones.Dispose();
    }

    /// <summary>The origin project with Figure3 trained and drawn at paper, committed, and a fresh clone of it (no store).</summary>
    private string CloneOfCommittedPaperResults()
    {
        Assert.Equal(0, origin.Repro("run", "--target", "Figure3", "--profile", "paper").ExitCode);
        Assert.Equal(0, origin.Repro("render", "--target", "Figure3").ExitCode);
        File.WriteAllText(origin.Combine(".gitignore"), "store/\n.repro/\n");
        Git(origin.Path, "init", "-q");
        Git(origin.Path, "add", "-A");
        Git(origin.Path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "paper results");
        string clone = clones.Combine("clone");
        Git(clones.Path, "clone", "-q", origin.Path, clone);
        return clone;
    }

    [Fact]
    public void AQuickRenderInAFreshCloneLeavesCommittedPaperResultsUnchangedAndSaysSo()
    {
        string clone = CloneOfCommittedPaperResults();
        string store = clones.Combine("store");

        Assert.Equal(0, ReproProcess.Run(clone, "run", "--target", "Figure3", "--profile", "quick", "--store", store).ExitCode);
        var (exit, stdout, stderr) = ReproProcess.Run(clone, "render", "--target", "Figure3", "--store", store);
        Assert.True(exit == 0, stderr);
        Assert.Contains("kept as committed, not downgraded: Figure3 (paper, this store has quick)", stdout);
        Assert.Contains("repro render --target Figure3 --replace-committed", stdout);
        // Nothing in results/ changes: the pages give each artifact's origin from its record, the same in every clone.
        Assert.Equal("", Git(clone, "status", "--porcelain", "--", "results"));
        string gallery = File.ReadAllText(Path.Combine(clone, "results", "README.md"));
        Assert.Contains("**Origin:** paper profile, drawn ", gallery);
        Assert.Contains("Figure3: paper profile, drawn ", File.ReadAllText(Path.Combine(clone, "results", "CLAIMS.md")));

        // Asked for, it draws from the store: the record and the gallery now say quick.
        Assert.Equal(0, ReproProcess.Run(clone, "render", "--target", "Figure3", "--replace-committed", "--store", store).ExitCode);
        Assert.Contains("\"profile\": \"quick\"", File.ReadAllText(Path.Combine(clone, "results", "records", "figure3.json")));
        Assert.Contains("**Origin:** quick profile, drawn ", File.ReadAllText(Path.Combine(clone, "results", "README.md")));
        Assert.NotEqual("", Git(clone, "status", "--porcelain", "--", "results/records"));

        // So does the whole policy (`./build.sh --replace-committed` calls it).
        Git(clone, "checkout", "-q", "--", "results");
        Assert.Equal(0, ReproProcess.Run(clone, "regenerate", "--target", "Figure3", "--replace-committed", "--store", store).ExitCode);
        Assert.Contains("\"profile\": \"quick\"", File.ReadAllText(Path.Combine(clone, "results", "records", "figure3.json")));
    }

    [Fact]
    public void ARenderInAFreshCloneWithTheSameRunsChangesNothingInResults()
    {
        // The clone's store holds the very paper runs the committed results were drawn from (a restored cache, a merge):
        // same runs, same code, so the render is skipped and every committed file stays byte for byte.
        string clone = CloneOfCommittedPaperResults();
        var (exit, stdout, stderr) = ReproProcess.Run(clone, "render", "--target", "Figure3", "--store", origin.Combine("store"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("up to date", stdout);
        Assert.Equal("", Git(clone, "status", "--porcelain", "--", "results"));
    }

    [Fact]
    public void AProfileTypoIsACommandLineErrorNotAnErrorOfTheExperimentFile()
    {
        foreach (var command in new[] { "plan --target Figure3", "status", "render --target Figure3", "run --target Figure3" })
        {
            var (exit, stdout, stderr) = origin.Repro([.. command.Split(' '), "--profile", "papr"]);
            Assert.Equal(2, exit);
            Assert.Equal("", stdout);
            Assert.Equal("error: --profile papr: no experiment file declares this profile (declared: quick, paper)", stderr.TrimEnd('\n'));
        }
    }

    [Fact]
    public void ARenderWithMissingRunsNamesThemAndHowToTrainThem()
    {
        var (exit, _, stderr) = origin.Repro("render", "--target", "Figure3", "--profile", "quick");
        Assert.Equal(1, exit);
        Assert.Equal("error: Figure3 (quick): 3 of 3 runs are not in the store (Figure3/trajectories[lr=0.001], Figure3/trajectories[lr=0.2], "
                     + "Figure3/lr_grid[lr=0.01]); train them with `./build.sh --target=Figure3 --profile=quick` (or `repro run --target Figure3 --profile quick`)",
                     stderr.TrimEnd('\n'));
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), $"git {string.Join(" ", arguments)} did not finish");
        Assert.True(process.ExitCode == 0, $"git {string.Join(" ", arguments)}: {stderr.Result}");
        return stdout.Result;
    }
}
