using YamlDotNet.RepresentationModel;

namespace Repro.Cli.Tests;

/// <summary>
/// The nightly's and CI's run-store caches cannot cross. GitHub restores the newest cache whose key starts with a
/// restore-key, so the nightly's `restore-keys: repro-store-` restored CI's repro-store-ci-… store after a push, losing
/// its accumulated entries and the partial work of runs that span nights.
/// </summary>
public class WorkflowCacheTests
{
    private static readonly string Workflows = Repository("/.github/workflows");

    private static string Repository(string sub)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Repro.sln"))) root = root.Parent!;
        return root.FullName + sub;
    }

    /// <summary>The keys (up to their first expression) and restore-keys of every cache step over .repro/store.</summary>
    private static (List<string> Keys, List<string> Prefixes) StoreCaches(string workflow)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Workflows, workflow))));
        var keys = new List<string>();
        var prefixes = new List<string>();
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
        foreach (var job in jobs.Children.Values.Cast<YamlMappingNode>())
            foreach (var step in ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>())
            {
                if (!step.Children.TryGetValue("uses", out var uses) || !uses.ToString().StartsWith("actions/cache", StringComparison.Ordinal)) continue;
                var with = (YamlMappingNode)step["with"];
                if (with["path"].ToString() != ".repro/store") continue;
                keys.Add(with["key"].ToString().Split("${{")[0]);
                if (with.Children.TryGetValue("restore-keys", out var restore))
                    prefixes.AddRange(restore.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        return (keys, prefixes);
    }

    [Fact]
    public void NoStoreRestorePrefixOfOneWorkflowCanMatchTheOthersKeys()
    {
        var nightly = StoreCaches("nightly.yml");
        var ci = StoreCaches("ci.yml");
        Assert.NotEmpty(nightly.Keys);
        Assert.NotEmpty(ci.Keys);
        // A key's literal start is known; what follows is an expression. Two can match when either starts the other.
        static bool CanMatch(string prefix, string keyStart) =>
            keyStart.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(keyStart, StringComparison.Ordinal);
        foreach (var (mine, theirs) in new[] { (nightly, ci), (ci, nightly) })
            foreach (string prefix in mine.Prefixes.Concat(mine.Keys))
                Assert.DoesNotContain(theirs.Keys, key => CanMatch(prefix, key));
        // And each workflow restores from its own saves.
        Assert.All(nightly.Keys, key => Assert.Contains(nightly.Prefixes, p => key.StartsWith(p, StringComparison.Ordinal)));
        Assert.All(ci.Keys, key => Assert.Contains(ci.Prefixes, p => key.StartsWith(p, StringComparison.Ordinal)));
    }
}
