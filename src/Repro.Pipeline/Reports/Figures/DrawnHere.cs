using System.Globalization;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Which records in the results folder this clone drew: a record drawn here is named, by its inputs, in
/// <c>.repro/drawn/&lt;artifact&gt;</c> (not committed). Any other record came with the repository (a clone, a pull, an
/// artifact this clone could not draw), and the gallery and CLAIMS.md say so with its profile, date and machine.
/// </summary>
public sealed class DrawnHere(string projectRoot)
{
    private readonly string folder = Path.Combine(projectRoot, ".repro", "drawn");

    public void Mark(RenderRecord record)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ResultsFolder.Slug(record.Artifact)), record.Inputs);
    }

    public bool Drew(RenderRecord record)
    {
        string path = Path.Combine(folder, ResultsFolder.Slug(record.Artifact));
        return record.Inputs.Length > 0 && File.Exists(path) && File.ReadAllText(path) == record.Inputs;
    }

    /// <summary>One phrase for the gallery and CLAIMS.md: drawn by this build, or carried from the repository and on what.</summary>
    public string Origin(RenderRecord record) =>
        Drew(record) ? "drawn by this build from this clone's runs"
        : $"carried from the repository: {record.Profile} profile{(record.Profile.Contains('+') ? "s" : "")}, "
          + (record.DrawnUtc is { } drawn ? $"drawn {Day(drawn)}" : $"runs up to {Day(record.NewestRunUtc)}")
          + $", machine {(record.Machine.Length > 0 ? record.Machine : "not recorded")}";

    private static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
