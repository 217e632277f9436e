using System.Security.Cryptography;
using System.Text;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// What a rendering is drawn from: the artifact and its renderer, the code that draws (this assembly and Core, by module
/// version id: a rebuild of changed code changes it, while the same sources give the same id in any clone and at any
/// commit, see Directory.Build.props), and, per run group, the profile chosen and the keys of its runs
/// (a key covers everything that changes a run's numbers). The same inputs draw the same figures, tables and claims, so
/// a render whose inputs equal the last one's record is skipped (<c>repro render --force</c> draws anyway).
/// </summary>
public static class RenderInputs
{
    public static string Of(ExperimentSpec spec, IEnumerable<GroupChoice> choices)
    {
        var lines = new List<string>
        {
            $"artifact={spec.Artifact}",
            $"renderer={spec.Renderer}",
            $"description={spec.Description}",
            $"pipeline={typeof(RenderInputs).Assembly.ManifestModule.ModuleVersionId}",
            $"core={typeof(Core.TorchRuntime).Assembly.ManifestModule.ModuleVersionId}",
            $"scottplot={typeof(ScottPlot.Plot).Assembly.GetName().Version}",
        };
        foreach (var choice in choices)
            lines.Add($"group {choice.Group} at {choice.Profile ?? "none"}: {string.Join(" ", choice.Items.Select(i => i.Key.Value))}");
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
    }
}
