using Repro.Pipeline.Reports.Claims;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>What a renderer produced: files relative to the results folder, and its checked claims.</summary>
public sealed record Rendering(IReadOnlyList<string> Figures, IReadOnlyList<string> Tables, IReadOnlyList<Claim> Claims);
