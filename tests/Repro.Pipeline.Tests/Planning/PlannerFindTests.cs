using Repro.Pipeline.Planning;

namespace Repro.Pipeline.Tests.Planning;

/// <summary>Finding runs by key at a profile (what `repro run --key K --profile P` does).</summary>
public class PlannerFindTests
{
    [Fact]
    public void AProfileOnlySomeFilesDeclareFindsTheirRunsAndSkipsTheOthers()
    {
        // Before: the file without the profile stopped the search with "profile 'big' does not exist".
        using var project = new TestProject();
        project.WriteExperiment("other.yaml", """
            artifact: Figure1
            description: d
            render: figure1
            runs:
              gd:
                base: {model: mlp, optimizer: gd, steps: 3, lr: 0.1, curvature_every: 1, curvature_measures: [lambda1, lambda2, subspace]}
            profiles:
              quick: {}
              big:
                set: {steps: 5}
            """);
        var workspace = project.Open();
        var big = workspace.Plan(workspace.Catalog.Artifact("Figure1"), "big").Select(p => p.Key.Value).ToList();
        var found = workspace.Planner.Find(workspace.Catalog.Artifacts, "big", big);
        Assert.Equal(big, found.Keys);
        Assert.All(found.Values, item => Assert.Equal("big", item.Identity.Profile));
    }
}
