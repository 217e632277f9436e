using Repro.Pipeline.Regeneration;

namespace Repro.Pipeline.Tests.Regeneration;

/// <summary>
/// The regeneration policy on a project with a data-free artifact (a tiny Figure 3) and one that reads Fashion-MNIST,
/// with a data folder that lacks it: one plan for several targets, the runs that need the missing data left out, the
/// complete artifacts rendered and one line naming what was not made.
/// </summary>
public sealed class RegenerationPolicyTests : IDisposable
{
    private const string Mlp = """
        artifact: Mlp
        description: Two MLP runs on Fashion-MNIST.
        render: figure1
        runs:
          mlp:
            base: {model: mlp, optimizer: gd, lr: 0.1, steps: 20, train_size: 100, test_size: 100, width: 8}
            sweep: {seed: [0, 1]}
        profiles:
          quick: {}
        """;

    private readonly TestProject project = new();
    private readonly string noData = Directory.CreateTempSubdirectory("repro-no-data-").FullName;

    public RegenerationPolicyTests() => project.WriteExperiment("mlp.yaml", Mlp);

    public void Dispose()
    {
        project.Dispose();
        Directory.Delete(noData, recursive: true);
    }

    private Workspace Open() => Workspace.Open(project.Path, store: project.StorePath, threads: 2, data: noData);

    [Fact]
    public void SeveralTargetsPlanEachRunOnceAndSkipUnfetchedLeavesOutTheRunsThatNeedMissingData()
    {
        var policy = new RegenerationPolicy(Open(), null);
        var specs = policy.Artifacts(["Figure3 Mlp", "Figure3"]);
        Assert.Equal(["Figure3", "Mlp"], specs.Select(s => s.Artifact));

        var all = policy.Plan(specs, null);
        Assert.Equal(7, all.Missing.Count);
        Assert.Equal(["fashion-mnist"], all.NeedsData);
        Assert.Equal(["Mlp"], all.ArtifactsNeedingData);

        var skipping = policy.Plan(specs, null, skipUnfetched: true);
        var mlpKeys = skipping.Artifacts.Single(a => a.Name == "Mlp").Runs.Select(r => r.Key).ToList();
        Assert.Equal(5, skipping.Missing.Count);
        Assert.DoesNotContain(skipping.Missing, mlpKeys.Contains);
        Assert.Equal(skipping.Missing.Order(), skipping.Batches.SelectMany(b => b.Split(' ')).Order());
        Assert.Equal("not made: Mlp (needing fashion-mnist, which could not be fetched). Everything else was regenerated.",
                     RegenerationPolicy.Unfetched(skipping));
    }

    [Fact]
    public void DefaultAtAProfileOnlySomeArtifactsDeclareMeansThoseArtifactsAndSaysWhichItLeftOut()
    {
        // A study declared only at quick and cpu-scale stopped `repro plan --target Default --profile paper` with an error.
        project.WriteExperiment("mlp.yaml", Mlp + "\n  cpu-scale: {}\n");
        var policy = new RegenerationPolicy(Open(), null);
        Assert.Equal(["Mlp"], policy.Artifacts(["Default"], "cpu-scale").Select(s => s.Artifact));
        Assert.Equal(["Figure3", "Mlp"], policy.Artifacts(["Default"], "quick").Select(s => s.Artifact).Order());
        Assert.Equal("Default at profile 'cpu-scale' leaves out Figure3 (declares quick)", policy.LeftOut(["Default"], "cpu-scale"));
        Assert.Null(policy.LeftOut(["Default"], "quick"));
        Assert.Null(policy.LeftOut(["Mlp"], "cpu-scale"));
        // Named outright, an artifact without the profile is still an error.
        var named = policy.Artifacts(["Figure3"], "cpu-scale");
        Assert.Throws<Repro.Pipeline.Specs.SpecException>(() => policy.Plan(named, "cpu-scale"));
    }

    [Fact]
    public void RegenerateTrainsAndRendersWhatItCanAndNamesWhatItCouldNotMake()
    {
        var workspace = Open();
        var policy = new RegenerationPolicy(workspace, null);
        var fetched = new List<string>();
        var trained = new List<string>();
        var rendered = new List<string>();

        var (code, verdict) = policy.Regenerate(policy.Artifacts(["Default"]), null,
            dataset => { fetched.Add(dataset); return false; },
            keys =>
            {
                var planned = workspace.Planner.Find(workspace.Catalog.Artifacts, null, keys);
                foreach (var key in keys) workspace.Execute(planned[key], TextWriter.Null);
                trained.AddRange(keys);
                return ExitCodes.Success;
            },
            ready => rendered.AddRange(ready.Select(s => s.Artifact)));

        Assert.Equal(["fashion-mnist"], fetched);
        Assert.Equal(5, trained.Count);
        Assert.Equal(["Figure3"], rendered);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal("not made: Mlp (needing fashion-mnist, which could not be fetched). Everything else is in results/.", verdict);
    }

    [Fact]
    public void ABatchStoppedAtItsBudgetRendersNothingIncompleteAndKeepsItsExitCode()
    {
        var policy = new RegenerationPolicy(Open(), null);
        var rendered = new List<string>();

        var (code, verdict) = policy.Regenerate(policy.Artifacts(["Figure3"]), null, _ => true, _ => ExitCodes.Stopped,
                                                ready => rendered.AddRange(ready.Select(s => s.Artifact)));

        Assert.Equal(ExitCodes.Stopped, code);
        Assert.Empty(rendered);
        Assert.Equal("not made: Figure3 (5 of 5 runs not in the store; training ended with exit 75, stopped at the time budget (resumable)). "
                     + "Everything else is in results/.", verdict);
    }

    [Fact]
    public void ExitCodesCombineAFailureFirstThenASignalThenTheBudget()
    {
        Assert.Equal(0, ExitCodes.Combine([0, 0]));
        Assert.Equal(75, ExitCodes.Combine([0, 75]));
        Assert.Equal(143, ExitCodes.Combine([75, 143, 130]));
        Assert.Equal(1, ExitCodes.Combine([143, 75, 1, 2]));
        Assert.Equal(137, ExitCodes.Combine([0, 137]));
    }
}
