using Repro.Pipeline.Planning;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

/// <summary>
/// Whatever lies at an entry's path that is not a complete, verified entry (a folder without a manifest, a plain
/// file, a manifest with nulls or missing members) is a corrupt entry: never a crash, never a wedged key.
/// </summary>
public class EntryRobustnessTests
{
    public static TheoryData<string> Damages => new()
    {
        "folder without manifest", "plain file", "files: null", "{}", "null", "truncated manifest", "inputs: null",
        "file path ../escape", "file hash null", "key of another entry",
    };

    private static void Damage(string entry, string damage, string otherKey)
    {
        string manifest = Path.Combine(entry, RunFiles.Manifest);
        string text = File.Exists(manifest) ? File.ReadAllText(manifest) : "";
        switch (damage)
        {
            case "folder without manifest": File.Delete(manifest); break;
            case "plain file": Directory.Delete(entry, recursive: true); File.WriteAllText(entry, "not an entry"); break;
            case "files: null": File.WriteAllText(manifest, System.Text.RegularExpressions.Regex.Replace(text, "\"files\": \\{[^}]*\\}", "\"files\": null")); break;
            case "inputs: null": File.WriteAllText(manifest, System.Text.RegularExpressions.Regex.Replace(text, "\"inputs\": \\{[^}]*\\}", "\"inputs\": null")); break;
            case "{}": File.WriteAllText(manifest, "{}"); break;
            case "null": File.WriteAllText(manifest, "null"); break;
            case "truncated manifest": File.WriteAllText(manifest, text[..(text.Length / 2)]); break;
            case "file path ../escape": File.WriteAllText(manifest, text.Replace("\"metrics.csv\":", "\"../metrics.csv\":")); break;
            case "file hash null": File.WriteAllText(manifest, System.Text.RegularExpressions.Regex.Replace(text, "\"metrics.csv\": \"[0-9a-f]+\"", "\"metrics.csv\": null")); break;
            case "key of another entry": File.WriteAllText(manifest, text.Replace(Path.GetFileName(entry), otherKey)); break;
        }
        Assert.NotEqual(text, File.Exists(manifest) ? File.ReadAllText(manifest) : "");
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedEntryIsMissingToPlanAndIsMovedAsideAndRecomputedByRun(string damage)
    {
        using var project = new TestProject();
        var workspace = project.Open();
        var spec = workspace.Catalog.Artifact("Figure3");
        var plan = workspace.Plan(spec, null);
        foreach (var item in plan) workspace.Execute(item, TextWriter.Null);
        string entry = Path.Combine(project.StorePath, plan[0].Key.Value);
        string original = File.ReadAllText(Path.Combine(entry, "metrics.csv"));
        Damage(entry, damage, plan[1].Key.Value);

        // Planning, status and render read without throwing; the damaged run is simply not cached.
        var again = project.Open();
        var replanned = again.Plan(spec, null);
        Assert.Equal(RunStatus.Missing, replanned[0].Status);
        Assert.All(replanned.Skip(1), p => Assert.Equal(RunStatus.Cached, p.Status));
        Assert.Contains("corrupt entry", Assert.Single(replanned[0].Why));
        Assert.False(Directory.Exists(Path.Combine(project.StorePath, ".corrupt")));   // planning is a read
        Assert.Throws<InvalidOperationException>(() => again.Render(spec, "quick"));

        // Running it moves the damage aside (kept, never deleted) and recomputes the same numbers.
        Assert.True(again.Execute(replanned[0], TextWriter.Null));
        Assert.Equal(original, File.ReadAllText(Path.Combine(entry, "metrics.csv")));
        Assert.Empty(again.Store.Problems(plan[0].Key.Value));
        var aside = Assert.Single(Directory.GetFileSystemEntries(Path.Combine(project.StorePath, ".corrupt")));
        Assert.StartsWith(plan[0].Key.Value, Path.GetFileName(aside));
        Assert.All(project.Open().Plan(spec, null), p => Assert.Equal(RunStatus.Cached, p.Status));
        project.Open().Render(spec, null);
    }

    [Fact]
    public void PlanningReadsManifestsOnlyAndTheCorruptionIsFoundWhenTheEntryIsOpenedForUse()
    {
        using var project = new TestProject();
        var workspace = project.Open();
        var spec = workspace.Catalog.Artifact("Figure3");
        var plan = workspace.Plan(spec, null);
        foreach (var item in plan) workspace.Execute(item, TextWriter.Null);
        string metrics = Path.Combine(project.StorePath, plan[2].Key.Value, "metrics.csv");
        File.AppendAllText(metrics, "999,1,1,1,1,1,1,1\n");
        var before = Snapshot(project.StorePath);

        var replanned = project.Open().Plan(spec, null);
        Assert.All(replanned, p => Assert.Equal(RunStatus.Cached, p.Status));   // manifests only: no hashing
        Assert.Equal(before, Snapshot(project.StorePath));                         // and nothing moved or written

        var error = Assert.Throws<InvalidOperationException>(() => project.Open().Render(spec, null));
        Assert.Contains("metrics.csv does not match its SHA-256", error.Message);
        Assert.False(File.Exists(metrics));   // moved aside before its numbers were used
        Assert.False(Directory.Exists(Path.Combine(project.Path, "results", "figures")));
    }

    private static string Snapshot(string root) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => $"{p} {File.GetLastWriteTimeUtc(p):O} {(File.Exists(p) ? new FileInfo(p).Length : -1)}"));
}
