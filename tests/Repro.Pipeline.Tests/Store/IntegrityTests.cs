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
        using var project = new TestProject();
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

        // Planning reads manifests only: an unreadable manifest makes the run missing, a changed file goes unseen.
        var replanned = project.Open().Plan(spec, null)[0];
        Assert.Equal(file == "manifest.json" ? RunStatus.Missing : RunStatus.Cached, replanned.Status);
        Assert.True(Directory.Exists(entry));

        // Opening the entry for use (here: the run deciding whether to train) checks every hash and moves it aside.
        var log = new StringWriter();
        Assert.True(project.Open().Execute(replanned, log));
        Assert.Contains(problem, log.ToString());
        var aside = Assert.Single(Directory.GetDirectories(Path.Combine(project.StorePath, ".corrupt")));
        Assert.StartsWith(item.Key.Value, Path.GetFileName(aside));   // kept, not deleted
        Assert.Equal(original, File.ReadAllText(Path.Combine(entry, "metrics.csv")));
        Assert.Empty(new RunStore(project.StorePath).Problems(item.Key.Value));
    }
}
