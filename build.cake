Task("Default").Does(() => Information("hello"));RunTarget(Argument("target","Default"));
