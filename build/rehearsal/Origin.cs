namespace Repro.Rehearsal;

/// <summary>
/// The GitHub repository, as a bare git repository in the rehearsal's folder: one branch holding the source
/// checkout's working tree as it is now (committed or not, untracked files included, ignored files not), so the
/// rehearsal tries what is on disk. Checkouts clone it; the nightly's commit pushes to it, never to the source.
/// </summary>
public sealed class Origin
{
    public const string Branch = "rehearsal";
    private static readonly string[] Identity = ["-c", "user.name=rehearsal", "-c", "user.email=rehearsal@localhost"];

    public Origin(string source, string folder)
    {
        Repository = Path.Combine(folder, "origin.git");
        string staging = Path.Combine(folder, "origin-staging");
        string head = Shell.Check("git", source, "rev-parse", "HEAD").Trim();
        Shell.Check("git", folder, "clone", "-q", "--no-checkout", source, staging);
        Shell.Check("git", staging, "checkout", "-q", "-B", Branch, head);
        // The working tree on disk, not only HEAD: tracked files as they are now (deletions too), and new files.
        foreach (var file in Shell.Check("git", staging, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries))
            File.Delete(Path.Combine(staging, file));
        foreach (var file in Shell.Check("git", source, "ls-files", "-z", "-c", "-o", "--exclude-standard").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            string from = Path.Combine(source, file);
            if (!File.Exists(from)) continue;
            string to = Path.Combine(staging, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
        Shell.Check("git", staging, "add", "-A");
        if (Shell.Check("git", staging, "status", "--porcelain").Length > 0)
        {
            Shell.Check("git", staging, [.. Identity, "commit", "-q", "-m", "rehearsal: the source's working tree"]);
            Shell.Say($"rehearsal: the source has uncommitted changes; rehearsing its working tree (on top of {head[..10]})");
        }
        Shell.Check("git", folder, "init", "-q", "--bare", "-b", Branch, Repository);
        Shell.Check("git", staging, "push", "-q", Repository, $"{Branch}:{Branch}");
        Directory.Delete(staging, recursive: true);
    }

    public string Repository { get; }

    public string Head() => Shell.Check("git", Repository, "rev-parse", Branch).Trim();

    /// <summary>Someone else pushes meanwhile: a commit touching an unrelated file, so a job's first push is rejected.</summary>
    public void PushUnrelatedCommit(string scratch)
    {
        string clone = Path.Combine(scratch, "race-" + Guid.NewGuid().ToString("N")[..8]);
        Shell.Check("git", scratch, "clone", "-q", "--branch", Branch, Repository, clone);
        File.AppendAllText(Path.Combine(clone, "REHEARSAL-RACE.txt"), $"pushed by the rehearsal at {DateTime.UtcNow:O} to race the job's push\n");
        Shell.Check("git", clone, "add", "REHEARSAL-RACE.txt");
        Shell.Check("git", clone, [.. Identity, "commit", "-q", "-m", "rehearsal: a concurrent push"]);
        Shell.Check("git", clone, "push", "-q", "origin", Branch);
        Directory.Delete(clone, recursive: true);
    }
}
