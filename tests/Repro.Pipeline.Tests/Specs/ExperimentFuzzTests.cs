using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Specs;

/// <summary>
/// The reader's contract under random damage: the repository's experiment files, mutated (lines deleted or
/// duplicated, values retyped, text truncated, characters injected), either load, or fail with one
/// <see cref="SpecException"/> whose message is one line naming the file and a line of it. No other exception type.
/// </summary>
public class ExperimentFuzzTests
{
    private static readonly string[] Seeds = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "experiments"), "*.yaml")
        .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    /// <summary>Deterministic limits, so a mutant's verdict does not depend on this machine's memory or data folder.</summary>
    private static readonly LoadChecks Checks = new(ArtifactRenderers.Contracts, DataDirectory: null, AvailableMemoryBytes: 24L << 30);

    private static Arbitrary<(int Seed, Mutation[] Mutations)> Mutants() =>
        (from seed in Gen.Choose(0, Seeds.Length - 1)
         from count in Gen.Choose(1, 3)
         from mutations in Gen.ArrayOf(
             from kind in Gen.Elements(Enum.GetValues<MutationKind>())
             from at in Gen.Choose(0, int.MaxValue)
             from which in Gen.Choose(0, int.MaxValue)
             select new Mutation(kind, at, which), count)
         select (seed, mutations)).ToArbitrary();

    // A fixed seed, so CI is deterministic; change it (or drop Replay) locally to explore further mutants.
    [Property(MaxTest = 4000, QuietOnSuccess = true, Replay = "(12505020292320658325,12402212684944081197)")]
    public Property MutatedExperimentLoadsOrFailsWithOneLineNamingFileAndLine() =>
        Prop.ForAll(Mutants(), mutant =>
        {
            string yaml = ExperimentMutator.Apply(Seeds[mutant.Seed], mutant.Mutations);
            string? problem = Verdict(yaml, "experiments/mutant.yaml");
            return Prop.Label(problem is null, $"{problem} after {string.Join(", ", mutant.Mutations)} of seed {mutant.Seed}");
        });

    /// <summary>The fuzz is not vacuous: most mutants are rejected, some still load, and rejections point at many different lines.</summary>
    [Fact]
    public void MutantsAreMostlyRejectedAtManyDifferentLines()
    {
        var random = new Random(12);
        int rejected = 0, loaded = 0;
        var lines = new HashSet<int>();
        for (int i = 0; i < 1000; i++)
        {
            string yaml = ExperimentMutator.Apply(Seeds[i % Seeds.Length], ExperimentMutator.Draw(random));
            Assert.Null(Verdict(yaml, "experiments/mutant.yaml"));
            try
            {
                ExperimentReader.ReadAll(yaml, "experiments/mutant.yaml", Checks);
                loaded++;
            }
            catch (SpecException e)
            {
                rejected++;
                lines.Add(e.Line);
            }
        }
        Assert.InRange(rejected, 500, 990);
        Assert.InRange(loaded, 10, 500);
        Assert.True(lines.Count >= 30, $"{lines.Count} distinct lines");
    }

    /// <summary>A mutant the property found: YamlDotNet's tree builder threw ArgumentException ("unsupported event") on it.</summary>
    [Fact]
    public void MutantThatBrokeTheTreeBuilderIsOneLine() =>
        Assert.Null(Verdict(ExperimentMutator.Apply(Seeds[0], [new Mutation(MutationKind.Inject, 731324444, 1002187272),
                                                              new Mutation(MutationKind.Retype, 272812752, 314406375)]),
                            "experiments/mutant.yaml"));

    /// <summary>A mutant the property found: YamlDotNet placed its syntax error one line past the end of the file.</summary>
    [Fact]
    public void SyntaxErrorAtTheEndOfInputNamesALineOfTheFile() =>
        Assert.Null(Verdict(ExperimentMutator.Apply(Seeds[4], [new Mutation(MutationKind.DeleteLine, 839924964, 288249484),
                                                              new Mutation(MutationKind.Inject, 192776043, 1353342007),
                                                              new Mutation(MutationKind.Truncate, 653218617, 761447864)]),
                            "experiments/mutant.yaml"));

    [Fact]
    public void EverySeedFileIsValidUnmutated() =>
        Assert.All(Seeds, yaml => Assert.Null(Verdict(yaml, "experiments/seed.yaml")));

    /// <summary>Null when the contract holds (the file loads, or one well-formed SpecException), else what broke it.</summary>
    public static string? Verdict(string yaml, string file)
    {
        try
        {
            var specs = ExperimentReader.ReadAll(yaml, file, Checks);
            return specs.Count > 0 ? null : "loaded with no artifact";
        }
        catch (SpecException e)
        {
            int lines = yaml.Split('\n').Length;
            var match = Regex.Match(e.Message, $"^{Regex.Escape(file)}:(\\d+): [^\\r\\n]+$");
            if (!match.Success) return $"malformed message '{SpecException.OneLine(e.Message)}'";
            int line = int.Parse(match.Groups[1].Value);
            return line >= 1 && line <= lines + 1 ? null : $"line {line} outside 1..{lines + 1}: {e.Message}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {SpecException.OneLine(e.Message)}";
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Repro.sln"))) return folder.FullName;
        throw new InvalidOperationException("Repro.sln not found above the test binaries");
    }
}
