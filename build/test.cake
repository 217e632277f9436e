// The test suite: every test project in the solution.

Task("Test")
    .Description("Build and run the whole test suite.")
    .Does(() =>
    {
        DotNetTest("Repro.sln", new DotNetTestSettings
        {
            Configuration = configuration,
            NoLogo = true,
            Loggers = new[] { "console;verbosity=normal" },
        });
    });
