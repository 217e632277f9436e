using System.Text.RegularExpressions;

namespace Repro.Rehearsal;

/// <summary>
/// The actions the workflows use, as folder operations: checkout clones the rehearsal's origin; setup-dotnet is a
/// no-op (the SDK is here); cache restore/save copy folders to and from the rehearsal's cache (shared by every run,
/// so a second night finds what the first saved); upload/download-artifact copy folders within one run. The NuGet
/// cache (<c>~/.nuget/packages</c>) is stood in for by NUGET_PACKAGES, the machine's own package folder.
/// </summary>
public sealed class EmulatedActions(JobLeg leg, Machine machine, WorkflowRun run)
{
    public (bool Ok, string Error) Run(string uses, Dictionary<string, string> with, Expression.Obj outputs)
    {
        string action = uses.Split('@')[0];
        switch (action)
        {
            case "actions/checkout":
                Shell.Check("git", leg.Workspace, "clone", "-q", "--branch", Origin.Branch, machine.Origin.Repository, ".");
                Shell.Check("git", leg.Workspace, "reset", "-q", "--hard", Expression.ToText(((Expression.Obj)leg.ScopeNow.Contexts["github"]!)["sha"]));
                if (!leg.MayPush)
                {
                    // GITHUB_TOKEN without `contents: write`: the push is refused, as GitHub would refuse it.
                    Shell.Check("git", leg.Workspace, "config", "remote.origin.pushurl", "/nonexistent/read-only-token");
                }
                Shell.Say($"    | cloned {Origin.Branch} into the workspace{(leg.MayPush ? " (contents: write: pushes allowed)" : " (contents: read: pushes refused)")}");
                return (true, "");
            case "actions/setup-dotnet":
                Shell.Say("    | the .NET SDK is installed here: nothing to set up");
                return (true, "");
            case "actions/cache":
                {
                    bool exact = Restore(with, outputs);
                    if (!exact && !StoodIn(with))
                        // Saved at the end of a successful job; an existing key only warns there, as on GitHub.
                        leg.AddPostStep($"save cache {with["key"]}", () => { if (!leg.Failed) Save(with["key"], with["path"]); return true; });
                    return (true, "");
                }
            case "actions/cache/restore":
                Restore(with, outputs);
                return (true, "");
            case "actions/cache/save":
                return Save(with["key"], with["path"]) ? (true, "") : (false, $"a cache with key {with["key"]} exists already");
            case "actions/upload-artifact":
                return Upload(with);
            case "actions/download-artifact":
                return Download(with);
            default:
                return (false, $"the action {uses} is not rehearsed");
        }
    }

    private List<string> Paths(string paths) =>
        paths.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private bool StoodIn(Dictionary<string, string> with) =>
        Paths(with["path"]).All(p => leg.Resolve(p) == Path.Combine(leg.Home, ".nuget", "packages"));

    /// <summary>Restores the entry with this key, else the newest whose key starts with a restore-key. True on an exact hit.</summary>
    private bool Restore(Dictionary<string, string> with, Expression.Obj outputs)
    {
        if (StoodIn(with))
        {
            Shell.Say($"    | stood in by NUGET_PACKAGES={machine.NuGetPackages} (the machine's NuGet packages)");
            outputs["cache-hit"] = "true";
            return true;
        }
        string key = with["key"];
        var entries = Directory.Exists(machine.Caches)
            ? Directory.GetDirectories(machine.Caches).OrderByDescending(d => Directory.GetCreationTimeUtc(d)).ThenByDescending(d => d)
                .Select(d => (Dir: d, Key: File.ReadAllText(Path.Combine(d, "key")))).ToList()
            : [];
        var prefixes = with.TryGetValue("restore-keys", out var r) ? Paths(r) : [];
        var hit = entries.FirstOrDefault(e => e.Key == key);
        bool exact = hit.Dir is not null;
        if (!exact)
            foreach (var prefix in prefixes)
            {
                hit = entries.FirstOrDefault(e => e.Key.StartsWith(prefix, StringComparison.Ordinal));
                if (hit.Dir is not null) break;
            }
        outputs["cache-hit"] = exact ? "true" : "false";
        if (hit.Dir is null)
        {
            Shell.Say($"    | cache not found for key {key}");
            return false;
        }
        outputs["cache-matched-key"] = hit.Key;
        var paths = Paths(with["path"]);
        for (int i = 0; i < paths.Count; i++)
            if (Directory.Exists(Path.Combine(hit.Dir, i.ToString()))) Shell.CopyTree(Path.Combine(hit.Dir, i.ToString()), leg.Resolve(paths[i]));
        Shell.Say($"    | restored cache {hit.Key}{(exact ? "" : " (a restore-keys match)")}");
        return exact;
    }

    private bool Save(string key, string pathList)
    {
        Directory.CreateDirectory(machine.Caches);
        if (Directory.GetDirectories(machine.Caches).Any(d => File.ReadAllText(Path.Combine(d, "key")) == key))
        {
            Shell.Say($"    | a cache with key {key} exists already; not saved (as on GitHub)");
            return false;
        }
        string entry = Path.Combine(machine.Caches, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(entry);
        var paths = Paths(pathList);
        for (int i = 0; i < paths.Count; i++)
            if (Directory.Exists(leg.Resolve(paths[i]))) Shell.CopyTree(leg.Resolve(paths[i]), Path.Combine(entry, i.ToString()));
        File.WriteAllText(Path.Combine(entry, "key"), key);
        Shell.Say($"    | saved cache {key}");
        return true;
    }

    /// <summary>
    /// upload-artifact v4: the files under the listed paths (minus <c>!</c> exclusions, minus hidden files unless
    /// include-hidden-files), stored relative to the paths' least common ancestor.
    /// </summary>
    private (bool, string) Upload(Dictionary<string, string> with)
    {
        string name = with.GetValueOrDefault("name", "artifact");
        var all = Paths(with["path"]);
        var includes = all.Where(p => !p.StartsWith('!')).Select(leg.Resolve).ToList();
        var excludes = all.Where(p => p.StartsWith('!')).Select(p => leg.Resolve(p[1..]).TrimEnd('/')).ToList();
        bool hidden = with.GetValueOrDefault("include-hidden-files") == "true";
        var roots = includes.Where(p => Directory.Exists(p) || File.Exists(p)).Select(p => Directory.Exists(p) ? p : Path.GetDirectoryName(p)!).ToList();
        var files = includes.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : File.Exists(p) ? [p] : [])
            .Distinct()
            .Where(f => !excludes.Any(x => f == x || f.StartsWith(x + "/", StringComparison.Ordinal)))
            .Where(f => hidden || !roots.Any(root => f.StartsWith(root + "/", StringComparison.Ordinal)
                                                      && Path.GetRelativePath(root, f).Split('/').Any(part => part.StartsWith('.'))))
            .ToList();
        if (files.Count == 0)
        {
            string mode = with.GetValueOrDefault("if-no-files-found", "warn");
            Shell.Say($"    | no files found for artifact {name} ({mode})");
            return mode == "error" ? (false, $"no files for artifact {name}") : (true, "");
        }
        string ancestor = roots.Aggregate((a, b) =>
        {
            while (!(b + "/").StartsWith(a + "/", StringComparison.Ordinal)) a = Path.GetDirectoryName(a)!;
            return a;
        });
        string target = Path.Combine(run.Artifacts, name);
        if (Directory.Exists(target))
        {
            if (with.GetValueOrDefault("overwrite") != "true") return (false, $"an artifact named {name} exists already in this run");
            Directory.Delete(target, recursive: true);
        }
        foreach (var f in files)
        {
            string to = Path.Combine(target, Path.GetRelativePath(ancestor, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        Shell.Say($"    | uploaded artifact {name}: {files.Count} files");
        return (true, "");
    }

    /// <summary>download-artifact v4: by name into path; by pattern (or all) each into path/&lt;name&gt;/ unless merge-multiple.</summary>
    private (bool, string) Download(Dictionary<string, string> with)
    {
        string path = leg.Resolve(with.GetValueOrDefault("path", "."));
        var available = Directory.GetDirectories(run.Artifacts).Select(Path.GetFileName).ToList();
        if (with.TryGetValue("name", out var name) && name.Length > 0)
        {
            if (!available.Contains(name)) return (false, $"artifact {name} not found");
            Shell.CopyTree(Path.Combine(run.Artifacts, name), path);
            Shell.Say($"    | downloaded artifact {name}");
            return (true, "");
        }
        var pattern = new Regex("^" + Regex.Escape(with.GetValueOrDefault("pattern", "*")).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
        bool merge = with.GetValueOrDefault("merge-multiple") == "true";
        var matching = available.Where(a => pattern.IsMatch(a!)).ToList();
        foreach (var artifact in matching)
            Shell.CopyTree(Path.Combine(run.Artifacts, artifact!), merge ? path : Path.Combine(path, artifact!));
        Shell.Say($"    | downloaded {matching.Count} artifacts: {string.Join(", ", matching)}");
        return (true, "");
    }
}
