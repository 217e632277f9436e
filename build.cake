// The graph of Repro: one target per paper artifact, each depending on one task per training run.
//   dotnet cake                      every artifact at its default profile (quick)
//   dotnet cake --target=Figure3 --profile=paper
//   dotnet cake --target=Test
//   dotnet cake --tree               the graph, with a line per target
// Training never happens in this process: tasks call the `repro` tool (src/Repro.Cli).
#load "build/repro.cake"
#load "build/artifacts.cake"
#load "build/test.cake"

RunTarget(Argument("target", "Default"));
