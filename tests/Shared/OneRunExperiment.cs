// Linked into every test project (see tests/Directory.Build.props).
namespace Repro;

/// <summary>An experiment file with one run group of one run, whose fields are <c>baseFields</c> (flow-map body).</summary>
public static class OneRunExperiment
{
    public static string Yaml(string baseFields) => $$"""
        artifact: Figure3
        description: d
        render: figure3
        runs:
          g:
            base: {{{baseFields}}}
        profiles:
          quick: {}
        """;
}
