using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Repro.Rehearsal;

/// <summary>
/// One job (one matrix leg of it) on a fresh "runner": its own workspace, an empty HOME, a temp folder, the runner's
/// variables and files, steps in order with <c>if:</c> and status functions, post steps (the cache saves) at the end.
/// </summary>
public sealed class JobLeg
{
    private readonly WorkflowRun run;
    private readonly Machine machine;
    private readonly string jobId;
    private readonly Dictionary<object, object> job;
    private readonly string folder, workspace, home, temp;
    private readonly Dictionary<string, string> addedEnv = [];
    private readonly List<string> addedPath = [];
    private readonly List<(string Name, Func<bool> Action)> postSteps = [];
    private readonly DateTime deadline;
    private bool failed;

    public JobLeg(WorkflowRun run, Machine machine, string jobId, Dictionary<object, object> job, Expression.Obj? matrix, int index, int total)
    {
        this.run = run;
        this.machine = machine;
        this.jobId = jobId;
        this.job = job;
        Label = matrix is null ? jobId : $"{jobId} ({index + 1}/{total}: {string.Join(", ", matrix.Select(p => $"{p.Key}={Abbreviate(Expression.ToText(p.Value))}"))})";
        folder = Path.Combine(run.Folder, matrix is null ? jobId : $"{jobId}-{index}");
        workspace = Path.Combine(folder, "workspace");
        home = Path.Combine(folder, "home");
        temp = Path.Combine(folder, "temp");
        foreach (var d in new[] { workspace, home, temp }) Directory.CreateDirectory(d);
        ScopeNow = run.Scope(jobId, job, workspace, temp, Status, HashFiles);
        ScopeNow.Contexts["matrix"] = matrix ?? new Expression.Obj();
        ScopeNow.Contexts["strategy"] = new Expression.Obj { ["job-index"] = (double)index, ["job-total"] = (double)total, ["fail-fast"] = false };
        deadline = DateTime.UtcNow.AddMinutes(double.TryParse(Yaml.Text(job, "timeout-minutes"), out var minutes) ? minutes : 360);
    }

    public string Label { get; }
    public string FailedStep { get; private set; } = "";
    public Expression.Scope ScopeNow { get; }
    private Expression.Obj Steps => (Expression.Obj)ScopeNow.Contexts["steps"]!;
    private string Summary => Path.Combine(folder, "summary.md");

    private static string Abbreviate(string s, int length = 40) => s.Length <= length ? s : s[..(length - 3)] + "...";

    private bool Status(string function) => function switch
    {
        "always" => true,
        "success" => !failed,
        "failure" => failed,
        _ => false,
    };

    public bool Run()
    {
        Shell.Say($"-- job {Label}");
        if (machine.RacePush && Yaml.Text(Yaml.Map(job, "permissions"), "contents") == "write")
        {
            machine.Origin.PushUnrelatedCommit(machine.Folder);
            Shell.Say("   rehearsal: pushed an unrelated commit to the branch, so this job's first push will be rejected");
        }
        var workflowEnv = Yaml.Map(run.Workflow, "env");
        var jobEnv = Yaml.Map(job, "env");
        var steps = Yaml.List(job, "steps") ?? [];
        for (int i = 0; i < steps.Count; i++)
        {
            var step = (Dictionary<object, object>)steps[i];
            string id = Yaml.Text(step, "id") ?? $"__step{i}";
            string stepName = Abbreviate(Yaml.Text(step, "name") ?? Yaml.Text(step, "uses") ?? (Yaml.Text(step, "run") ?? "").Split('\n')[0], 72);
            // env is evaluated workflow -> job -> step, each level seeing the ones before it.
            var env = new Expression.Obj();
            ScopeNow.Contexts["env"] = env;
            foreach (var level in new[] { workflowEnv, jobEnv })
                foreach (var (k, v) in Yaml.Pairs(level)) env[k] = Expression.ToText(Expression.Interpolate(v, ScopeNow));
            foreach (var (k, v) in addedEnv) env[k] = v;
            foreach (var (k, v) in Yaml.Pairs(Yaml.Map(step, "env"))) env[k] = Expression.ToText(Expression.Interpolate(v, ScopeNow));
            if (!Expression.Condition(Yaml.Text(step, "if"), ScopeNow))
            {
                Shell.Say($"   step {i + 1} {stepName}: skipped");
                Steps[id] = new Expression.Obj { ["outcome"] = "skipped", ["conclusion"] = "skipped", ["outputs"] = new Expression.Obj() };
                continue;
            }
            Shell.Say($"   step {i + 1} {stepName}");
            var watch = Stopwatch.StartNew();
            var outputs = new Expression.Obj();
            string error;
            bool ok;
            try
            {
                (ok, error) = Yaml.Text(step, "uses") is { } uses
                    ? new EmulatedActions(this, machine, run).Run(uses, With(step), outputs)
                    : RunScript(step, env, outputs);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or ArgumentException or UnauthorizedAccessException)
            {
                (ok, error) = (false, e.Message);
            }
            bool continueOnError = Expression.Truthy(Expression.Interpolate(Yaml.Value(step, "continue-on-error"), ScopeNow) is string c ? c == "true" : Yaml.Value(step, "continue-on-error"));
            Steps[id] = new Expression.Obj
            {
                ["outcome"] = ok ? "success" : "failure",
                ["conclusion"] = ok || continueOnError ? "success" : "failure",
                ["outputs"] = outputs,
            };
            Shell.Say($"   step {i + 1} {stepName}: {(ok ? "ok" : "FAILED: " + error)} ({watch.Elapsed.TotalSeconds:F1} s)");
            if (!ok && !continueOnError && !failed)
            {
                failed = true;
                FailedStep = $"step {i + 1} '{stepName}': {error}";
                ((Expression.Obj)ScopeNow.Contexts["job"]!)["status"] = "failure";
            }
        }
        for (int i = postSteps.Count - 1; i >= 0; i--)
        {
            var (postName, action) = postSteps[i];
            Shell.Say($"   post {postName}");
            if (!action() && !failed) { failed = true; FailedStep = $"post step '{postName}'"; }
        }
        if (File.Exists(Summary) && new FileInfo(Summary).Length > 0)
        {
            Shell.Say($"   job summary of {Label}:");
            foreach (var line in File.ReadAllLines(Summary)) Shell.Say("   > " + line);
        }
        return !failed;
    }

    private Dictionary<string, string> With(Dictionary<object, object> step) =>
        Yaml.Pairs(Yaml.Map(step, "with")).ToDictionary(p => p.Key, p => Expression.ToText(Expression.Interpolate(p.Value, ScopeNow)));

    /// <summary>A <c>run:</c> step: its script, expressions evaluated, in a file run by bash as the runner does.</summary>
    private (bool, string) RunScript(Dictionary<object, object> step, Expression.Obj env, Expression.Obj outputs)
    {
        string script = Expression.ToText(Expression.Interpolate(Yaml.Text(step, "run"), ScopeNow));
        string scriptFile = Path.Combine(temp, $"step-{Guid.NewGuid():N}.sh");
        File.WriteAllText(scriptFile, script);
        string shell = Yaml.Text(step, "shell") ?? Yaml.Text(Yaml.Map(Yaml.Map(job, "defaults"), "run"), "shell")
                       ?? Yaml.Text(Yaml.Map(Yaml.Map(run.Workflow, "defaults"), "run"), "shell") ?? "";
        // The runner's defaults: `bash -e {0}` when no shell is named, `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`.
        string[] args = shell switch
        {
            "" => ["-e", scriptFile],
            "bash" => ["--noprofile", "--norc", "-eo", "pipefail", scriptFile],
            "sh" => ["-e", scriptFile],
            _ => throw new FormatException($"shell '{shell}' is not rehearsed"),
        };
        string workingDirectory = Yaml.Text(step, "working-directory") ?? Yaml.Text(Yaml.Map(Yaml.Map(job, "defaults"), "run"), "working-directory") ?? ".";
        var files = RunnerFiles();
        var environment = Environment(env, files);
        var remaining = deadline - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero) return (false, "the job's timeout-minutes ran out");
        int? exit = Shell.Run(shell == "sh" ? "sh" : "bash", args, Path.GetFullPath(Path.Combine(workspace, workingDirectory)), environment, remaining);
        foreach (var (k, v) in FileCommands.Read(files["GITHUB_OUTPUT"])) outputs[k] = v;
        foreach (var (k, v) in FileCommands.Read(files["GITHUB_ENV"])) addedEnv[k] = v;
        if (File.Exists(files["GITHUB_PATH"])) addedPath.AddRange(File.ReadAllLines(files["GITHUB_PATH"]).Where(l => l.Length > 0));
        File.AppendAllText(Summary, File.Exists(files["GITHUB_STEP_SUMMARY"]) ? File.ReadAllText(files["GITHUB_STEP_SUMMARY"]) : "");
        return exit switch
        {
            null => (false, $"timed out (the job's timeout-minutes: {Yaml.Text(job, "timeout-minutes") ?? "360"})"),
            0 => (true, ""),
            _ => (false, $"exit code {exit}"),
        };
    }

    private Dictionary<string, string> RunnerFiles()
    {
        string id = Guid.NewGuid().ToString("N")[..8];
        return new[] { "GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY" }
            .ToDictionary(n => n, n => { string f = Path.Combine(temp, $"{n.ToLowerInvariant()}-{id}"); File.WriteAllText(f, ""); return f; });
    }

    /// <summary>
    /// The environment of a step: only what a fresh runner would have (nothing of ours leaks, e.g. REPRO_DATA), plus
    /// the stand-ins: NUGET_PACKAGES for the NuGet cache and REPRO_DATA_MIRRORS for the internet.
    /// </summary>
    private Dictionary<string, string> Environment(Expression.Obj env, Dictionary<string, string> files)
    {
        var e = new Dictionary<string, string>
        {
            ["PATH"] = string.Join(':', addedPath.AsEnumerable().Reverse().Append(System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")),
            ["HOME"] = home,
            ["LANG"] = "C.UTF-8",
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = workspace,
            ["GITHUB_RUN_ID"] = run.RunId,
            ["GITHUB_RUN_ATTEMPT"] = "1",
            ["GITHUB_JOB"] = jobId,
            ["GITHUB_REF"] = $"refs/heads/{Origin.Branch}",
            ["GITHUB_REF_NAME"] = Origin.Branch,
            ["GITHUB_SHA"] = Expression.ToText(((Expression.Obj)ScopeNow.Contexts["github"]!)["sha"]),
            ["GITHUB_EVENT_NAME"] = Expression.ToText(((Expression.Obj)ScopeNow.Contexts["github"]!)["event_name"]),
            ["GITHUB_REPOSITORY"] = "rehearsal/repro",
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_TEMP"] = temp,
            ["NUGET_PACKAGES"] = machine.NuGetPackages,
            ["REPRO_DATA_MIRRORS"] = machine.MirrorUrl,
            ["NO_PROXY"] = "127.0.0.1,localhost",
            ["no_proxy"] = "127.0.0.1,localhost",
        };
        foreach (var name in new[] { "DOTNET_ROOT", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY" })
            if (System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value) e[name] = value;
        foreach (var (k, v) in files) e[k] = v;
        foreach (var (k, v) in env) e[k] = Expression.ToText(v);
        return e;
    }

    /// <summary>Resolves a path as the runner would: <c>~</c> is HOME, a relative path is under the workspace.</summary>
    public string Resolve(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : Path.GetFullPath(Path.Combine(workspace, path));

    /// <summary>
    /// Whether the job's token may push: its <c>permissions</c>, else the workflow's, grant <c>contents: write</c>
    /// (or write-all); with neither declared, GitHub's permissive default.
    /// </summary>
    public bool MayPush
    {
        get
        {
            var permissions = Yaml.Value(job, "permissions") ?? Yaml.Value(run.Workflow, "permissions");
            return permissions switch
            {
                null => true,
                string all => all == "write-all",
                _ => Yaml.Text(permissions, "contents") == "write",
            };
        }
    }

    public void Delete() => Directory.Delete(folder, recursive: true);

    public string Workspace => workspace;
    public string Home => home;
    public bool Failed => failed;
    public void AddPostStep(string name, Func<bool> action) => postSteps.Add((name, action));

    /// <summary>hashFiles: SHA-256 over the SHA-256 of each matching file (paths sorted), "" when none match, as the runner does.</summary>
    private string HashFiles(IReadOnlyList<string> patterns)
    {
        var regexes = patterns.Select(p => new Regex("^" + Regex.Escape(p).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$")).ToList();
        if (!Directory.Exists(Path.Combine(workspace, ".git"))) return "";
        var files = Directory.EnumerateFiles(workspace, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(workspace, f))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal) && regexes.Any(r => r.IsMatch(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) return "";
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files) all.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(workspace, f))));
        return Convert.ToHexStringLower(all.GetHashAndReset());
    }

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
