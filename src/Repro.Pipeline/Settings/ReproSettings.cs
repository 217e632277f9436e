namespace Repro.Pipeline.Settings;

/// <summary>
/// Where the project, its run store and its data are, and the thread count every run is pinned to: resolved once,
/// by the CLI from its flags and the environment, and handed down. Nothing below the CLI reads the environment for these.
/// </summary>
/// <param name="Root">The project folder (holds Repro.sln and experiments/).</param>
/// <param name="StoreDirectory">The run store.</param>
/// <param name="Threads">Threads every run is pinned to; part of each run key.</param>
/// <param name="DataDirectory">Where runs read their data sets. Not part of any key (the data's content is).</param>
/// <param name="Device">
/// The device every trainer run uses instead of its <c>device</c> field (auto, cpu, cuda), or null for each run's own. Like
/// any field it enters the key, so plan, run and render must be given the same one.
/// </param>
public sealed record ReproSettings(string Root, string StoreDirectory, int Threads, string DataDirectory, string? Device = null)
{
    public const string StoreVariable = "REPRO_STORE";
    public const string ThreadsVariable = "REPRO_THREADS";
    public const string DeviceVariable = "REPRO_DEVICE";

    /// <summary>Every machine pins the same count unless told otherwise, so keys agree across machines.</summary>
    public const int DefaultThreads = 2;

    /// <summary>More would only ask libtorch for a pool of threads no machine has (99,999 was taken, and keyed).</summary>
    public const int MaxThreads = 1024;

    /// <summary>
    /// Flags first, then the environment (<paramref name="environment"/> looks a variable up; null or empty means unset),
    /// then defaults: the root found upwards from the current folder, <c>.repro/store</c> under it, 2 threads.
    /// </summary>
    /// <param name="resolveData">Resolves the data folder from the <c>--data</c> flag (the data sets' own rules).</param>
    public static ReproSettings Resolve(string? root, string? store, int? threads, string? data,
                                        Func<string, string?> environment, Func<string?, string> resolveData, string? device = null)
    {
        string projectRoot = Path.GetFullPath(root ?? ProjectRoot.Find(Directory.GetCurrentDirectory()));
        var (storeDirectory, storeSource) = store is not null ? (store, "--store")
            : NonEmpty(environment(StoreVariable)) is { } fromEnvironment ? (fromEnvironment, StoreVariable)
            : (Path.Combine(projectRoot, ".repro", "store"), "the store");
        storeDirectory = Path.GetFullPath(storeDirectory);
        if (File.Exists(storeDirectory)) throw new ArgumentException($"{storeSource}: {storeDirectory} is a file, not a folder");
        return new ReproSettings(projectRoot, storeDirectory, ResolveThreads(threads, environment), resolveData(data),
                                 ResolveDevice(device, environment));
    }

    /// <summary>--device, else <c>REPRO_DEVICE</c>, else null (each run's own <c>device</c> field).</summary>
    public static string? ResolveDevice(string? device, Func<string, string?> environment)
    {
        var (chosen, source) = device is not null ? (device, "--device") : (NonEmpty(environment(DeviceVariable)), DeviceVariable);
        if (chosen is null || Specs.RunChoices.Devices.Names.Contains(chosen)) return chosen;
        throw new ArgumentException($"{source}: '{chosen}' is not one of {string.Join(", ", Specs.RunChoices.Devices.Names)}");
    }

    /// <summary>The thread count alone (commands that work outside a project, such as <c>repro train</c>): flag, else <c>REPRO_THREADS</c>, else 2.</summary>
    public static int ResolveThreads(int? threads, Func<string, string?> environment)
    {
        int pinned = threads ?? ParseThreads(NonEmpty(environment(ThreadsVariable))) ?? DefaultThreads;
        return pinned is >= 1 and <= MaxThreads ? pinned : throw new ArgumentException($"threads must be between 1 and {MaxThreads}, got {pinned}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int? ParseThreads(string? text) =>
        text is null ? null
        : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) ? value
        : throw new ArgumentException($"{ThreadsVariable}: not an integer: '{text}'");
}
