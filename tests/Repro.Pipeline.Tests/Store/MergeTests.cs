using System.Text.RegularExpressions;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

/// <summary>
/// <c>merge</c> treats every imported store as untrusted: paths confined to the entry, keys recomputed from the
/// manifest's inputs and compared with the folder name and the manifest's key, every file's SHA-256 checked; one bad
/// entry is skipped and reported while the good ones are imported.
/// </summary>
public sealed class MergeTests : IDisposable
{
    private readonly TestProject project = new();
    private readonly List<string> keys = [];

    public MergeTests()
    {
        var worker = Workspace.Open(project.Path, store: Source, threads: 2);
        foreach (var item in worker.Plan(worker.Catalog.Artifact("Figure3"), null))
        {
            worker.Execute(item, TextWriter.Null);
            keys.Add(item.Key.Value);
        }
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "not part of any store");
    }

    public void Dispose() => project.Dispose();

    private string Source => Path.Combine(project.Path, "source");
    private string TargetPath => Path.Combine(project.Path, "target", "store");
    private string Outside => Path.Combine(project.Path, "outside");
    private RunStore Target => new(TargetPath);

    private string ManifestOf(string key) => Path.Combine(Source, key, RunFiles.Manifest);

    private void EditManifest(string key, Func<string, string> edit) => File.WriteAllText(ManifestOf(key), edit(File.ReadAllText(ManifestOf(key))));

    [Fact]
    public void CleanStoreMergesEverythingAndASecondMergeFindsItPresent()
    {
        var report = StoreMerge.From(Target, Source);
        Assert.Equal(keys.Count, report.Imported);
        Assert.Empty(report.Skipped);
        Assert.All(keys, k => Assert.Empty(Target.Problems(k)));
        var again = StoreMerge.From(Target, Source);
        Assert.Equal(0, again.Imported);
        Assert.Equal(keys.Count, again.Present);
    }

    public static TheoryData<string> Tampering => new()
    {
        "file path escapes", "absolute file path", "manifest key escapes", "folder name differs from manifest key",
        "inputs edited, key kept", "file content changed", "file is a symlink outside", "truncated manifest",
        "files: null", "manifest missing", "manifest lists manifest.json",
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void TamperedEntryIsSkippedAndReportedWhileTheOthersAreImported(string tampering)
    {
        string bad = keys[1];
        switch (tampering)
        {
            case "file path escapes": EditManifest(bad, m => m.Replace("\"metrics.csv\":", "\"../../../outside/x.csv\":")); break;
            case "absolute file path": EditManifest(bad, m => m.Replace("\"metrics.csv\":", $"\"{Outside}/y.csv\":")); break;
            case "manifest key escapes": EditManifest(bad, m => m.Replace($"\"key\": \"{bad}\"", "\"key\": \"../../y\"")); break;
            case "folder name differs from manifest key":
                Directory.Move(Path.Combine(Source, bad), Path.Combine(Source, "0123456789abcdef01234567")); break;
            case "inputs edited, key kept": EditManifest(bad, m => Regex.Replace(m, "\"config.lr\": \"[^\"]+\"", "\"config.lr\": \"0.5\"")); break;
            case "file content changed": File.AppendAllText(Path.Combine(Source, bad, "metrics.csv"), "1,2,3\n"); break;
            case "file is a symlink outside":
                File.Copy(Path.Combine(Source, bad, "metrics.csv"), Path.Combine(Outside, "metrics.csv"));
                File.Delete(Path.Combine(Source, bad, "metrics.csv"));
                File.CreateSymbolicLink(Path.Combine(Source, bad, "metrics.csv"), Path.Combine(Outside, "metrics.csv"));
                break;
            case "truncated manifest": EditManifest(bad, m => m[..(m.Length / 3)]); break;
            case "files: null": EditManifest(bad, m => Regex.Replace(m, "\"files\": \\{[^}]*\\}", "\"files\": null")); break;
            case "manifest missing": File.Delete(ManifestOf(bad)); break;
            case "manifest lists manifest.json": EditManifest(bad, m => m.Replace("\"metrics.csv\":", "\"manifest.json\":")); break;
        }

        var report = StoreMerge.From(Target, Source);

        var skipped = Assert.Single(report.Skipped);
        Assert.DoesNotContain('\n', skipped);
        Assert.Equal(keys.Count - 1, report.Imported);
        Assert.False(Directory.Exists(Path.Combine(TargetPath, bad)));
        Assert.All(keys.Where(k => k != bad), k => Assert.Empty(Target.Problems(k)));
        Assert.Equal([.. tampering == "file is a symlink outside" ? new[] { "metrics.csv" } : [], "secret.txt"],
                     Directory.GetFiles(Outside).Select(Path.GetFileName).Order());
        Assert.False(Directory.Exists(Path.Combine(project.Path, "y")));
        Assert.False(File.Exists(Path.Combine(project.Path, "target", "x.csv")));
    }

    [Fact]
    public void PartialWorkIsCarriedOnlyWhenTheTargetHasNoEntryAndNoFurtherWork()
    {
        string key = "abcdefabcdefabcdefabcdef";
        void Work(string store, long step)
        {
            string folder = Path.Combine(store, ".work", key, "checkpoints");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"step-{step:D8}.tensors"), $"state at {step}");
            File.WriteAllText(Path.Combine(store, ".work", key, "metrics.csv"), $"rows to {step}");
        }
        string targetWork = Path.Combine(TargetPath, ".work", key);

        Work(Source, 100);
        Assert.Equal(1, StoreMerge.From(Target, Source).WorkCarried);
        Assert.Equal("state at 100", File.ReadAllText(Path.Combine(targetWork, "checkpoints", "step-00000100.tensors")));

        Work(Target.Root, 300);   // the target got further: keep its work
        File.Delete(Path.Combine(targetWork, "checkpoints", "step-00000100.tensors"));
        Assert.Equal(0, StoreMerge.From(Target, Source).WorkCarried);
        Assert.Equal("rows to 300", File.ReadAllText(Path.Combine(targetWork, "metrics.csv")));

        Work(Source, 500);        // the source got further: take its work
        Assert.Equal(1, StoreMerge.From(Target, Source).WorkCarried);
        Assert.Equal("rows to 500", File.ReadAllText(Path.Combine(targetWork, "metrics.csv")));

        // Work for a key the target holds as an entry is never carried.
        string done = keys[0];
        StoreMerge.From(Target, Source);
        Directory.CreateDirectory(Path.Combine(Source, ".work", done, "checkpoints"));
        File.WriteAllText(Path.Combine(Source, ".work", done, "checkpoints", "step-00000100.tensors"), "x");
        Assert.Equal(0, StoreMerge.From(Target, Source).WorkCarried);
        Assert.False(Directory.Exists(Path.Combine(TargetPath, ".work", done)));

        // A work folder holding a link is not carried and is reported.
        File.CreateSymbolicLink(Path.Combine(Source, ".work", key, "link"), Path.Combine(Outside, "secret.txt"));
        Work(Source, 900);
        var report = StoreMerge.From(Target, Source);
        Assert.Equal(0, report.WorkCarried);
        Assert.Contains(report.Skipped, s => s.Contains(key, StringComparison.Ordinal) && s.Contains("link", StringComparison.Ordinal));

        // Work a run set aside as unresumable (.work/.rejected/) is neither carried nor reported as damage.
        string rejected = Path.Combine(Source, ".work", RunFiles.Rejected, $"{key}.20261128T000000000.1", "checkpoints");
        Directory.CreateDirectory(rejected);
        File.WriteAllText(Path.Combine(rejected, "step-00000950.tensors"), "damaged");
        report = StoreMerge.From(Target, Source);
        Assert.DoesNotContain(report.Skipped, s => s.Contains(RunFiles.Rejected, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(TargetPath, ".work", RunFiles.Rejected)));
    }

    /// <summary>Random damage to copies of a good store: no unhandled exception, nothing written outside the target,
    /// no damaged entry imported, every undamaged one imported.</summary>
    [Fact]
    public void FuzzedStoresNeverWriteOutsideTheTargetNorImportDamage()
    {
        var pristine = keys.ToDictionary(k => k, k => Directory.GetFiles(Path.Combine(Source, k), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Path.Combine(Source, k), f), File.ReadAllBytes));
        var random = new Random(12);
        string[] hostile = ["../../x", "/tmp/abs-" + Guid.NewGuid().ToString("N"), "a/../../b", "", ".", "..", "metrics.csv/..", "x\ny", "\\..\\w", "manifest.json"];
        for (int trial = 0; trial < 150; trial++)
        {
            string copy = Path.Combine(project.Path, "fuzz", $"s{trial}");
            CopyTree(Source, copy);
            var damaged = new HashSet<string>();
            for (int m = 0, n = random.Next(1, 4); m < n; m++)
            {
                string key = keys[random.Next(keys.Count)];
                string entry = Path.Combine(copy, key);
                if (!Directory.Exists(entry)) continue;
                damaged.Add(key);
                var files = Directory.GetFiles(entry, "*", SearchOption.AllDirectories);
                string file = files[random.Next(files.Length)];
                string manifest = Path.Combine(entry, RunFiles.Manifest);
                switch (random.Next(8))
                {
                    case 0:   // flip a byte
                        var bytes = File.ReadAllBytes(file);
                        if (bytes.Length > 0) { bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8)); File.WriteAllBytes(file, bytes); }
                        break;
                    case 1: File.WriteAllBytes(file, File.ReadAllBytes(file)[..random.Next(Math.Max(1, (int)new FileInfo(file).Length))]); break;
                    case 2: File.Delete(file); break;
                    case 3 when File.Exists(manifest):   // a hostile string in place of a key or file name
                        var text = File.ReadAllText(manifest);
                        var strings = Regex.Matches(text, "\"([^\"\\\\]*)\"").Select(x => x.Groups[1].Value).Distinct().ToList();
                        string victim = strings[random.Next(strings.Count)];
                        File.WriteAllText(manifest, text.Replace($"\"{victim}\"", System.Text.Json.JsonSerializer.Serialize(hostile[random.Next(hostile.Length)])));
                        break;
                    case 4 when File.Exists(manifest):   // a member set to null or to the wrong type
                        File.WriteAllText(manifest, Regex.Replace(File.ReadAllText(manifest), "\"(files|inputs|key|schema|identity)\": ",
                                                                  m => m.Value + (random.Next(2) == 0 ? "null, \"was\": " : "[1], \"was\": ")));
                        break;
                    case 5:   // a link in place of a file
                        File.Delete(file);
                        File.CreateSymbolicLink(file, Path.Combine(Outside, "secret.txt"));
                        break;
                    case 6:   // the folder replaced by a file
                        Directory.Delete(entry, recursive: true);
                        File.WriteAllText(entry, "junk");
                        break;
                    default:  // the entry renamed to another key's name
                        string other = keys[random.Next(keys.Count)];
                        if (other == key || Directory.Exists(Path.Combine(copy, other)) || File.Exists(Path.Combine(copy, other))) break;   // left as it is, though counted as damaged
                        Directory.Move(entry, Path.Combine(copy, other));
                        damaged.Add(other);
                        break;
                }
            }
            string target = Path.Combine(project.Path, "fuzz", $"t{trial}");
            var outsideBefore = Directory.GetFiles(project.Path, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(target + "/", StringComparison.Ordinal)).Order().ToList();

            var report = StoreMerge.From(new RunStore(target), copy);

            var outsideAfter = Directory.GetFiles(project.Path, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(target + "/", StringComparison.Ordinal)).Order().ToList();
            Assert.Equal(outsideBefore, outsideAfter);
            var store = new RunStore(target);
            foreach (var key in keys)
            {
                string entry = Path.Combine(target, key);
                if (!damaged.Contains(key)) Assert.True(Directory.Exists(entry), $"trial {trial}: good entry {key} not imported: {string.Join(" | ", report.Skipped)}");
                if (!Directory.Exists(entry)) continue;
                Assert.Empty(store.Problems(key));
                foreach (var (file, content) in pristine[key].Where(f => f.Key != RunFiles.Manifest))
                    Assert.True(content.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(entry, file))), $"trial {trial}: {key}/{file} differs from the original");
            }
            Assert.All(Directory.GetDirectories(target).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')), n => Assert.Contains(n, keys));
            Assert.All(report.Skipped, s => Assert.DoesNotContain('\n', s));
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
