// The test suite: every test project in the solution.

Task("Test")
    .Description("Build and run the whole test suite.")
    .Does(() =>
    {
        CleanDirectory("TestResults");
        DotNetTest("Repro.sln", new DotNetTestSettings
        {
            Configuration = configuration,
            NoLogo = true,
            // Names every test on the console; the .trx files (one per test project) are what CI counts.
            Loggers = new[] { "console;verbosity=normal", "trx" },
            ResultsDirectory = "TestResults",
        });
    });
