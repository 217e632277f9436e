using System.Text.RegularExpressions;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Specs;

namespace Repro.Cli.Tests;

/// <summary>
/// A few dozen of the fuzz's mutants through the real tool (the thousands run in-process, in ExperimentFuzzTests):
/// a mutant the reader rejects makes <c>repro plan</c> exit 2 with one stderr line naming the file and the same line,
/// and leaves the store exactly as it was.
/// </summary>
public sealed class MutantExperimentTests
{
    private const int Mutants = 30;

    [Fact]
    public void RejectedMutantsExitTwoWithOneLineAndLeaveTheStoreAlone()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Repro.sln"))) repository = repository.Parent!;
        var seeds = Directory.EnumerateFiles(Path.Combine(repository.FullName, "experiments"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        using var scratch = new TemporaryFolder("repro-mutant-");
        string data = scratch.Combine("no-data");
        var checks = new LoadChecks(ArtifactRenderers.Contracts, data);
        var random = new Random(2026);
        int tried = 0;
        for (int run = 0; tried < Mutants; run++)
        {
            Assert.True(run < 50 * Mutants, "too few mutants are rejected");
            string seed = seeds[run % seeds.Length];
            string yaml = ExperimentMutator.Apply(File.ReadAllText(seed), ExperimentMutator.Draw(random));
            using var project = new TestProject(figure3Yaml: null);
            string file = project.Combine("experiments", Path.GetFileName(seed));
            int expectedLine;
            try
            {
                ExperimentReader.ReadAll(yaml, file, checks);
                continue;   // a mutant that is still valid would plan (and fingerprint data): not this test's business
            }
            catch (SpecException e)
            {
                expectedLine = e.Line;
            }
            tried++;
            project.WriteExperiment(Path.GetFileName(seed), yaml);
            string store = project.StorePath;
            Directory.CreateDirectory(Path.Combine(store, "entry"));
            File.WriteAllText(Path.Combine(store, "entry", "marker"), "kept");

            var (exit, stdout, stderr) = project.Repro("plan", "--data", data);

            string context = $"mutant {run} of {Path.GetFileName(seed)}: {stderr}";
            Assert.True(exit == 2, context);
            Assert.Equal("", stdout);
            var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Matches($"^error: {Regex.Escape(file)}:{expectedLine}: ", line);
            Assert.Equal([Path.Combine(store, "entry", "marker")], Directory.EnumerateFileSystemEntries(store, "*", SearchOption.AllDirectories)
                                                                           .Where(File.Exists));
            Assert.Equal("kept", File.ReadAllText(Path.Combine(store, "entry", "marker")));
            Assert.False(Directory.Exists(project.Combine("results")), "results were written");
        }
    }
}
