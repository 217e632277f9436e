using System.Diagnostics;

namespace Repro.Rehearsal;

/// <summary>What every run of a rehearsal shares: the repository, the Actions cache, the mirror, the NuGet packages.</summary>
public sealed record Machine(string Folder, Origin Origin, string Caches, string MirrorUrl, string NuGetPackages, bool RacePush, bool Keep);

/// <summary>The outcome of one job (all its matrix legs): success, failure or skipped, and its outputs.</summary>
public sealed record JobResult(string Result, Expression.Obj Outputs);

/// <summary>
/// One run of one workflow: jobs in the order their <c>needs</c> allow, each matrix leg in turn, each in a fresh
/// workspace (a clone), with an empty HOME and the runner's environment variables and files.
/// </summary>
public sealed class WorkflowRun
{
    private static int runs;

    private readonly Machine machine;
    private readonly Dictionary<object, object> workflow;
    private readonly string name;
    private readonly Expression.Obj inputs = new();
    private readonly Dictionary<string, JobResult> results = [];
    private readonly string eventName;
    private readonly string sha;

    public WorkflowRun(Machine machine, string workflowPath, IReadOnlyDictionary<string, string> given)
    {
        this.machine = machine;
        RunId = (1000 + Interlocked.Increment(ref runs)).ToString();
        Folder = Path.Combine(machine.Folder, $"run-{RunId}-{Path.GetFileNameWithoutExtension(workflowPath)}");
        Artifacts = Path.Combine(Folder, "artifacts");
        Directory.CreateDirectory(Artifacts);
        sha = machine.Origin.Head();
        workflow = Yaml.Load(Shell.Check("git", machine.Origin.Repository, "show", $"{sha}:{workflowPath}"));
        name = Yaml.Text(workflow, "name") ?? workflowPath;
        var on = Yaml.Value(workflow, "on");
        var dispatch = Yaml.Map(on, "workflow_dispatch");
        bool dispatchable = dispatch is not null || (on is Dictionary<object, object> m && m.ContainsKey("workflow_dispatch"));
        eventName = dispatchable && (given.Count > 0 || Yaml.Value(on, "push") is null) ? "workflow_dispatch" : "push";
        foreach (var (input, spec) in Yaml.Pairs(Yaml.Map(dispatch, "inputs")))
        {
            string? value = given.TryGetValue(input, out var v) ? v : Yaml.Text(spec, "default");
            inputs[input] = Yaml.Text(spec, "type") == "boolean" ? value == "true" : value;
        }
        foreach (var input in given.Keys.Where(k => !inputs.ContainsKey(k)))
            throw new ArgumentException($"{workflowPath} has no input '{input}'");
    }

    public string RunId { get; }
    public string Folder { get; }
    public string Artifacts { get; }
    public string Name => name;
    public Dictionary<object, object> Workflow => workflow;
    public List<string> Failures { get; } = [];

    public bool Run()
    {
        Shell.Say($"== {name}: run {RunId} ({eventName}) of {sha[..10]}{(inputs.Count > 0 ? ", inputs " + string.Join(", ", inputs.Select(i => $"{i.Key}={Expression.ToText(i.Value)}")) : "")}");
        var jobs = Yaml.Pairs(Yaml.Map(workflow, "jobs")).ToList();
        while (results.Count < jobs.Count)
        {
            var (id, job) = jobs.First(j => !results.ContainsKey(j.Key) && Needs(j.Value).All(results.ContainsKey));
            results[id] = RunJob(id, (Dictionary<object, object>)job!);
        }
        return Failures.Count == 0;
    }

    private static List<string> Needs(object? job) => Yaml.Value(job, "needs") switch
    {
        string one => [one],
        List<object> many => many.Select(n => n.ToString()!).ToList(),
        _ => [],
    };

    private Expression.Obj NeedsContext(object job)
    {
        var needs = new Expression.Obj();
        foreach (var need in Needs(job))
            needs[need] = new Expression.Obj { ["result"] = results[need].Result, ["outputs"] = results[need].Outputs };
        return needs;
    }

    /// <summary>The contexts every expression of a job may use (steps, matrix and env are filled in per leg).</summary>
    public Expression.Scope Scope(string jobId, object job, string workspace, string temp, Func<string, bool> status, Func<IReadOnlyList<string>, string> hashFiles)
    {
        var scope = new Expression.Scope { Status = status, HashFiles = hashFiles };
        scope.Contexts["github"] = new Expression.Obj
        {
            ["workspace"] = workspace,
            ["run_id"] = RunId,
            ["run_number"] = RunId,
            ["run_attempt"] = "1",
            ["event_name"] = eventName,
            ["ref"] = $"refs/heads/{Origin.Branch}",
            ["ref_name"] = Origin.Branch,
            ["sha"] = sha,
            ["repository"] = "rehearsal/repro",
            ["job"] = jobId,
            ["server_url"] = "http://127.0.0.1",
            ["actor"] = "rehearsal",
        };
        scope.Contexts["inputs"] = inputs;
        scope.Contexts["runner"] = new Expression.Obj { ["os"] = "Linux", ["arch"] = "X64", ["temp"] = temp, ["name"] = "rehearsal" };
        scope.Contexts["needs"] = NeedsContext(job);
        scope.Contexts["vars"] = new Expression.Obj();
        scope.Contexts["secrets"] = new Expression.Obj { ["GITHUB_TOKEN"] = "rehearsal-token" };
        scope.Contexts["env"] = new Expression.Obj();
        scope.Contexts["matrix"] = new Expression.Obj();
        scope.Contexts["strategy"] = new Expression.Obj();
        scope.Contexts["steps"] = new Expression.Obj();
        scope.Contexts["job"] = new Expression.Obj { ["status"] = "success" };
        return scope;
    }

    private JobResult RunJob(string id, Dictionary<object, object> job)
    {
        var needs = NeedsContext(job);
        bool NeedsStatus(string f) => f switch
        {
            "always" => true,
            "success" => needs.Values.All(n => Expression.ToText(((Expression.Obj)n!)["result"]) == "success"),
            "failure" => needs.Values.Any(n => Expression.ToText(((Expression.Obj)n!)["result"]) == "failure"),
            _ => false,
        };
        var jobScope = Scope(id, job, "", "", NeedsStatus, _ => "");
        if (!Expression.Condition(Yaml.Text(job, "if"), jobScope))
        {
            Shell.Say($"-- job {id}: skipped (if: {Yaml.Text(job, "if") ?? "success()"})");
            return new JobResult("skipped", new());
        }
        var legs = Matrix(Yaml.Map(job, "strategy"), jobScope);
        var outputs = new Expression.Obj();
        bool failed = false;
        for (int i = 0; i < legs.Count; i++)
        {
            var leg = new JobLeg(this, machine, id, job, legs[i], i, legs.Count);
            var watch = Stopwatch.StartNew();
            bool ok = leg.Run();
            Shell.Say($"-- job {leg.Label}: {(ok ? "success" : "FAILURE")} in {watch.Elapsed.TotalSeconds:F0} s");
            if (!ok) { failed = true; Failures.Add($"{name} / {leg.Label} / {leg.FailedStep}"); }
            // A job's folder (a clone with its build, about 1 GB) is of no use once the job passed; a failed one is kept to look at.
            else if (!machine.Keep) leg.Delete();
            foreach (var (key, value) in Yaml.Pairs(Yaml.Map(job, "outputs")))
            {
                string text = Expression.ToText(Expression.Interpolate(value, leg.ScopeNow));
                if (text.Length > 0 || !outputs.ContainsKey(key)) outputs[key] = text;
            }
        }
        return new JobResult(failed ? "failure" : "success", outputs);
    }

    /// <summary>The matrix legs: each axis a list (or one expression giving a list), their product, minus exclude, plus include.</summary>
    private static List<Expression.Obj?> Matrix(Dictionary<object, object>? strategy, Expression.Scope scope)
    {
        if (strategy is null || Yaml.Value(strategy, "matrix") is not { } matrixNode) return [null];
        var matrix = Expression.Interpolate(matrixNode, scope) is string s ? Expression.FromJson(s) : Expression.Interpolate(matrixNode, scope);
        var axes = new List<(string Name, List<object?> Values)>();
        List<object?> include = [], exclude = [];
        foreach (var (axis, values) in matrix is Expression.Obj o ? o.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)) : Yaml.Pairs(matrix as Dictionary<object, object>))
        {
            var evaluated = Expression.Interpolate(values, scope);
            var list = evaluated switch
            {
                List<object?> l => l.Select(x => Expression.Interpolate(x, scope)).ToList(),
                string text when text.TrimStart().StartsWith('[') => (List<object?>)Expression.FromJson(text)!,
                _ => throw new FormatException($"matrix axis {axis} is not a list"),
            };
            if (axis == "include") include = list;
            else if (axis == "exclude") exclude = list;
            else axes.Add((axis, list));
        }
        var legs = new List<Expression.Obj?> { new Expression.Obj() };
        foreach (var (axis, values) in axes)
            legs = legs.SelectMany(leg => values.Select(v => { var next = new Expression.Obj(); foreach (var p in leg!) next[p.Key] = p.Value; next[axis] = v; return (Expression.Obj?)next; })).ToList();
        static Expression.Obj AsObj(object? x) => x is Expression.Obj o ? o
            : Yaml.Pairs(x as Dictionary<object, object>).Aggregate(new Expression.Obj(), (acc, p) => { acc[p.Key] = p.Value; return acc; });
        legs = legs.Where(leg => !exclude.Select(AsObj).Any(ex => ex.All(p => Expression.ToText(leg![p.Key]) == Expression.ToText(p.Value)))).ToList();
        legs.AddRange(include.Select(x => (Expression.Obj?)AsObj(x)));
        if (legs.Count == 0) throw new FormatException("the matrix has no legs");
        return axes.Count == 0 && include.Count > 0 ? legs.Skip(1).ToList() : legs;
    }
}
