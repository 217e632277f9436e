using System.Text.Json;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Regeneration;

namespace Repro.Cli.Commands;

/// <summary><c>repro plan --github-output</c>: the plan job's outputs, so that the workflow reads no JSON itself.</summary>
public static class PlanOutputs
{
    /// <summary>
    /// Appends <c>count=N</c> and <c>batches=[{"id": …, "keys": …}]</c>: a train job's matrix leg is one batch, its
    /// <c>id</c> (<see cref="BatchReport.Id"/>) names what it uploads and the partial work handed to it.
    /// </summary>
    public static void AppendGitHub(string file, PlanDocument plan)
    {
        var batches = plan.Batches.Select(b => new Dictionary<string, string> { ["id"] = new BatchReport(b, null).Id, ["keys"] = b });
        File.AppendAllLines(file, [$"count={plan.Missing.Count}", $"batches={JsonSerializer.Serialize(batches)}"]);
        Console.Error.WriteLine($"plan: {plan.Missing.Count} runs to train in {plan.Batches.Count} batches");
    }
}
