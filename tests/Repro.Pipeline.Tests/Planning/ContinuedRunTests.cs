using Repro.Pipeline.Metrics;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Planning;

/// <summary>A <c>continue_from</c> group: one run per parent run, keyed by the parent's key, started from its final iterate.</summary>
public sealed class ContinuedRunTests : IDisposable
{
    private const string Experiment = """
        artifact: Figure1
        description: GD, then a cool-down of each run at a small η.
        render: figure1
        runs:
          gd:
            base: {model: mlp, dataset: fashion-mnist, train_size: 64, test_size: 32, depth: 1, width: 8, optimizer: gd, steps: 12,
                   curvature_every: 4, curvature_measures: [lambda1, lambda2, subspace], stop_at_train_accuracy: 1.1}
            sweep:
              lr: [0.005, 0.01]
          cooldown:
            continue_from: gd
            base: {lr: 0.002, steps: 6}
        profiles:
          quick: {}
        """;

    // The fixture's Fashion-MNIST, so the tests train the same data on every machine and never read REPRO_DATA.
    private readonly TemporaryFolder data = new("repro-continued-data-");

    public ContinuedRunTests() => TestData.WriteFashionMnist(data.Path);

    public void Dispose() => data.Dispose();

    private Workspace Open(TestProject project) => Workspace.Open(project.Path, store: project.StorePath, threads: 2, data: data.Path);

    [Fact]
    public void EachParentRunHasOneContinuationKeyedByTheParentsKey()
    {
        var spec = ExperimentReader.Read(Experiment, "figure1.yaml");
        var runs = spec.Resolve();
        var children = runs.Where(r => r.Group == "cooldown").ToList();
        Assert.Equal(["lr=0.005", "lr=0.01"], children.Select(c => c.Label));
        Assert.All(children, c => Assert.Equal(0.002, c.Config.Number(RunFields.Lr)));
        Assert.All(children, c => Assert.Equal(6, c.Config.Integer(RunFields.Steps)));
        Assert.Equal([0.005, 0.01], children.Select(c => c.Parent!.Config.Number(RunFields.Lr)));
        Assert.Equal(4, spec.CountRuns("quick"));

        using var project = new TestProject("figure1.yaml", Experiment);
        var workspace = Open(project);
        var plan = workspace.Plan(workspace.Catalog.Artifact("Figure1"), null);
        var child = plan.Single(p => p.Run.Group == "cooldown" && p.Run.Label == "lr=0.01");
        Assert.Equal(child.Parent!.Key.Value, child.Key.Inputs["parent"]);
        // Children of different parents with equal fields are different runs.
        Assert.NotEqual(child.Key.Value, plan.Single(p => p.Run.Group == "cooldown" && p.Run.Label == "lr=0.005").Key.Value);
    }

    [Fact]
    public void AContinuationTrainsItsParentFirstAndStartsAtItsFinalIterate()
    {
        using var project = new TestProject("figure1.yaml", Experiment);
        var workspace = Open(project);
        var plan = workspace.Plan(workspace.Catalog.Artifact("Figure1"), null);
        var child = plan.Single(p => p.Run.Group == "cooldown" && p.Run.Label == "lr=0.01");

        Assert.True(workspace.Execute(child, TextWriter.Null));   // the parent is not in the store yet
        var parentEntry = workspace.Store.Open(child.Parent!.Key.Value)!;
        var childEntry = workspace.Store.Open(child.Key.Value)!;
        var parentRows = MetricsCsv.Load(parentEntry.PathOf(RunFiles.Metrics));
        var childRows = MetricsCsv.Load(childEntry.PathOf(RunFiles.Metrics));
        var parentLoss = MetricsCsv.Doubles(parentRows, MetricColumns.TrainLoss);
        var childLoss = MetricsCsv.Doubles(childRows, MetricColumns.TrainLoss);
        Assert.Equal(13, parentLoss.Length);   // steps 0 … 12
        Assert.Equal(parentLoss[^1], childLoss[0]);   // θ₀ of the cool-down is θ₁₂ of its parent
        Assert.Equal(7, childLoss.Length);

        // Trained once: planning again finds both cached, and the other child trains only its own parent.
        var again = Open(project).Plan(workspace.Catalog.Artifact("Figure1"), null);
        Assert.Equal(RunStatus.Cached, again.Single(p => p.Key.Value == child.Key.Value).Status);
        Assert.Equal(RunStatus.Cached, again.Single(p => p.Key.Value == child.Parent.Key.Value).Status);
    }

    [Fact]
    public void AContinuationOfADivergedRunFailsNamingItsParent()
    {
        using var project = new TestProject("figure1.yaml", Experiment.Replace("lr: [0.005, 0.01]", "lr: [50.0]"));
        var workspace = Open(project);
        var child = workspace.Plan(workspace.Catalog.Artifact("Figure1"), null).Single(p => p.Run.Group == "cooldown");
        var error = Assert.Throws<InvalidDataException>(() => workspace.Execute(child, TextWriter.Null));
        Assert.Matches(@"^Figure1/gd\[lr=50\] \([0-9a-f]{24}\) diverged at step \d+: there is no final iterate to continue$", error.Message);
        Assert.Null(workspace.Store.Find(child.Key.Value));
    }
}
