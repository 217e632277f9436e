using System.Text.Json;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Planning.Costs;

namespace Repro.Pipeline.Tests.Planning;

/// <summary>
/// The shape of <c>repro plan --json</c>, which Cake, the nightly and the Slurm scripts read: every field name and
/// JSON type. Renaming or retyping a field must fail here (and bump <see cref="PlanDocument.CurrentSchemaVersion"/>).
/// </summary>
public class PlanDocumentTests
{
    private static readonly CostCalibration Calibration = new(
        CostCalibration.CurrentSchemaVersion, "2026-01-01 00:00 UTC", "test", 2, "0", 2, RunOverheadSeconds: 0.5,
        new Dictionary<string, ModelCost>(), CurvatureGradientEquivalents: 10, HvpGradientEquivalents: 2, DiagonalStepSeconds: 1e-3, ReferenceGpu: null);

    [Fact]
    public void PlanJsonHasTheVersionedShapeItsReadersExpect()
    {
        using var project = new TestProject();
        var workspace = project.Open();
        var plan = PlanDocuments.Build(workspace.Planner, workspace.Catalog.Artifacts, null, new CostModel(Calibration), maxJobs: 2, jobBudgetSeconds: null);
        using var json = JsonDocument.Parse(plan.ToJson());
        var root = json.RootElement;

        AssertFields(root, ("schema_version", JsonValueKind.Number), ("threads", JsonValueKind.Number), ("missing", JsonValueKind.Array),
                     ("batches", JsonValueKind.Array), ("missing_estimated_seconds", JsonValueKind.Number), ("artifacts", JsonValueKind.Array),
                     ("needs_data", JsonValueKind.Array), ("artifacts_needing_data", JsonValueKind.Array));
        Assert.Equal(PlanDocument.CurrentSchemaVersion, root.GetProperty("schema_version").GetInt32());
        Assert.All(root.GetProperty("missing").EnumerateArray(), k => Assert.Equal(JsonValueKind.String, k.ValueKind));
        Assert.Equal(5, root.GetProperty("missing").GetArrayLength());
        var batches = root.GetProperty("batches").EnumerateArray().Select(b => b.GetString()!).ToList();
        Assert.Equal(2, batches.Count);
        // The batches hold every missing key once, space-separated.
        Assert.Equal(root.GetProperty("missing").EnumerateArray().Select(k => k.GetString()).Order(),
                     batches.SelectMany(b => b.Split(' ')).Order());

        var artifact = Assert.Single(root.GetProperty("artifacts").EnumerateArray());
        AssertFields(artifact, ("name", JsonValueKind.String), ("description", JsonValueKind.String), ("profile", JsonValueKind.String),
                     ("runs", JsonValueKind.Array));
        foreach (var run in artifact.GetProperty("runs").EnumerateArray())
        {
            AssertFields(run, ("identity", JsonValueKind.String), ("display", JsonValueKind.String), ("label", JsonValueKind.String),
                         ("key", JsonValueKind.String), ("status", JsonValueKind.String), ("why", JsonValueKind.Array),
                         // A string naming the data set when the data folder lacks it; the diagonal network reads none.
                         ("needs_data", JsonValueKind.Null), ("estimated_seconds", JsonValueKind.Number));
            // 50 diagonal-network steps at 1 ms.
            Assert.Equal(0.05, run.GetProperty("estimated_seconds").GetDouble(), 1e-12);
            Assert.All(run.GetProperty("why").EnumerateArray(), w => Assert.Equal(JsonValueKind.String, w.ValueKind));
        }
        Assert.Equal(plan, PlanDocument.Parse(plan.ToJson()) with
        {
            Missing = plan.Missing,
            Batches = plan.Batches,
            Artifacts = plan.Artifacts,
            NeedsData = plan.NeedsData,
            ArtifactsNeedingData = plan.ArtifactsNeedingData,
        });
    }

    [Fact]
    public void WithoutACalibrationEstimatesAreNullAndBatchesAreDealtByCount()
    {
        using var project = new TestProject();
        var workspace = project.Open();
        var plan = PlanDocuments.Build(workspace.Planner, workspace.Catalog.Artifacts, null, costs: null, maxJobs: 2, jobBudgetSeconds: null);
        using var json = JsonDocument.Parse(plan.ToJson());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("missing_estimated_seconds").ValueKind);
        Assert.All(json.RootElement.GetProperty("artifacts")[0].GetProperty("runs").EnumerateArray(),
                   r => Assert.Equal(JsonValueKind.Null, r.GetProperty("estimated_seconds").ValueKind));
        Assert.Equal([3, 2], plan.Batches.Select(b => b.Split(' ').Length));
        Assert.Throws<ArgumentException>(() => PlanDocuments.Build(workspace.Planner, workspace.Catalog.Artifacts, null, null, 2, jobBudgetSeconds: 60));
    }

    private static void AssertFields(JsonElement element, params (string Name, JsonValueKind Kind)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Name), element.EnumerateObject().Select(p => p.Name));
        foreach (var (name, kind) in expected)
            Assert.Equal(kind, element.GetProperty(name).ValueKind);
    }
}
