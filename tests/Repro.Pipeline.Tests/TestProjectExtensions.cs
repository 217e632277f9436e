namespace Repro.Pipeline.Tests;

public static class TestProjectExtensions
{
    /// <summary>The project's workspace on its own store, with two threads.</summary>
    public static Workspace Open(this TestProject project) => Workspace.Open(project.Path, store: project.StorePath, threads: 2);
}
