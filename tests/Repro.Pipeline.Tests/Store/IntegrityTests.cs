using Repro.Pipeline.Planning;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

public class IntegrityTests
{
    [Theory]
    [InlineData("metrics.csv", "truncate", "metrics.csv does not match its SHA-256")]
    [InlineData("outcome.json", "delete", "outcome.json is missing")]
    [InlineData("manifest.json", "garble", "manifest.json is unreadable")]
    public void CorruptEntryIsReportedMovedAsideAndRecomputed(string file, string damage, string problem)
    {
        using var project = new TempProject();
        var workspace = project.Open();
        var spec = workspace.Catalog.Artifact("Figure3");
        var item = workspace.Plan(spec, null)[0];
        workspace.Execute(item, TextWriter.Null);
        string entry = Path.Combine(project.StorePath, item.Key.Value);
        string original = File.ReadAllText(Path.Combine(entry, "metrics.csv"));
        string path = Path.Combine(entry, file);
        switch (damage)
        {
            case "truncate": File.WriteAllText(path, File.ReadAllText(path)[..40]); break;
            case "delete": File.Delete(path); break;
            case "garble": File.WriteAllText(path, "{ not json"); break;
        }

        var replanned = project.Open().Plan(spec, null)[0];
        Assert.Equal(RunStatus.Missing, replanned.Status);
        Assert.Contains(problem, Assert.Single(replanned.Why));
        var aside = Assert.Single(Directory.GetDirectories(Path.Combine(project.StorePath, ".corrupt")));
        Assert.StartsWith(item.Key.Value, Path.GetFileName(aside));   // kept, not deleted
        Assert.False(Directory.Exists(entry));

        Assert.True(project.Open().Execute(replanned, TextWriter.Null));
        Assert.Equal(original, File.ReadAllText(Path.Combine(entry, "metrics.csv")));
        Assert.Empty(new RunStore(project.StorePath).Problems(item.Key.Value));
    }
}
