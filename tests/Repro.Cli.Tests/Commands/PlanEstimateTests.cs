using System.Text.Json;

namespace Repro.Cli.Tests.Commands;

/// <summary><c>repro plan --estimate</c> and <c>--job-budget</c> in a project with a calibration file.</summary>
public sealed class PlanEstimateTests : IDisposable
{
    // 1,000, 2,000 and 3,000 diagonal-network steps at 1 ms: 1, 2 and 3 s.
    private static readonly string Figure3 = DiagonalExperiment.Trajectories("lr: 0.001", "{steps: [1000, 2000, 3000]}");

    private const string Calibration = """
        {
          "schema_version": 1, "measured_utc": "2026-01-01 00:00 UTC", "machine": "test", "threads": 2,
          "torch_sharp_version": "0", "engine_version": 2, "run_overhead_seconds": 0.5, "models": {},
          "curvature_gradient_equivalents": 10, "hvp_gradient_equivalents": 2, "diagonal_step_seconds": 0.001, "reference_gpu": null
        }
        """;

    private readonly TestProject project = new(Figure3);

    public PlanEstimateTests()
    {
        Directory.CreateDirectory(project.Combine("calibration"));
        File.WriteAllText(project.Combine("calibration", "cost-model.json"), Calibration);
    }

    public void Dispose() => project.Dispose();

    [Fact]
    public void EstimateTableGivesCpuHoursPerArtifactAndSaysTheGpuIsUnknown()
    {
        var (exit, stdout, _) = project.Repro("plan", "--estimate");
        Assert.Equal(0, exit);
        // 6 s of CPU: 0.00167 h.
        var row = stdout.Split('\n').Single(l => l.StartsWith("| Figure3 |"));
        Assert.Equal("| Figure3 | quick | 3 | 3 | 0.002 | 0.002 | 0.001–0.002 | unknown |", row);
        Assert.Contains(stdout.Split('\n'), l => l.StartsWith("| **total** (shared runs once) | quick | 3 | 3 |"));
    }

    [Fact]
    public void JobBudgetPacksLongestFirstAndAnOverBudgetRunAlone()
    {
        var (exit, stdout, _) = project.Repro("plan", "--json", "--job-budget", "2.5");
        Assert.Equal(0, exit);
        using var plan = JsonDocument.Parse(stdout);
        var seconds = plan.RootElement.GetProperty("artifacts")[0].GetProperty("runs").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("estimated_seconds").GetDouble());
        Assert.Equal([1.0, 2.0, 3.0], seconds.Values.Order());
        var batches = plan.RootElement.GetProperty("batches").EnumerateArray().Select(b => b.GetString()!.Split(' ')).ToList();
        // 3 s is over the budget: alone; 2 s, then 1 s does not fit beside it (3 > 2.5): three batches, longest first.
        Assert.Equal([[3.0], [2.0], [1.0]], batches.Select(b => b.Select(k => seconds[k]).ToArray()));
        Assert.Equal(6.0, plan.RootElement.GetProperty("missing_estimated_seconds").GetDouble(), 9);

        var (_, roomy, _) = project.Repro("plan", "--json", "--job-budget", "3.5");
        using var packed = JsonDocument.Parse(roomy);
        Assert.Equal([[3.0], [2.0, 1.0]], packed.RootElement.GetProperty("batches").EnumerateArray()
            .Select(b => b.GetString()!.Split(' ').Select(k => seconds[k]).ToArray()));
    }
}
