using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

/// <summary>
/// A run's peak resident memory: the VmHWM line parsed, the high-water mark reset between runs of one process (a 200 MB
/// native allocation in one run is not the next run's peak), and the manifest's field round-tripped, absent in old ones.
/// </summary>
public sealed class PeakMemoryTests : IDisposable
{
    private const long Allocation = 200L * 1024 * 1024;
    private readonly TemporaryFolder folder = new("repro-peak-");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheHighWaterMarkLineIsReadInBytesAndAnythingElseIsNull()
    {
        Assert.Equal(1_876L * 1024, PeakMemory.ParseHighWaterMark("VmPeak:\t    3156 kB\nVmHWM:\t    1876 kB\nVmRSS:\t    1876 kB\n"));
        Assert.Null(PeakMemory.ParseHighWaterMark("VmPeak:\t    3156 kB\nVmRSS:\t    1876 kB\n"));
        Assert.Null(PeakMemory.ParseHighWaterMark("VmHWM:\t    lots kB\n"));
        Assert.Null(PeakMemory.ParseHighWaterMark("VmHWM:\t    1876 MB\n"));
        Assert.Null(PeakMemory.ParseHighWaterMark("VmHWM:\t    99999999999999999999 kB\n"));
    }

    [Fact]
    public void ResetDropsTheHighWaterMarkLeftByAFreedNativeAllocation()
    {
        if (PeakMemory.Reset() is not long before)
        {
            Assert.Null(PeakMemory.Reset());   // refused once, refused again: never a lifetime high-water mark instead
            return;
        }
        TouchNativeMemory();
        long afterAllocation = PeakMemory.ReadPeakBytes()!.Value;
        Assert.True(afterAllocation - before >= Allocation * 9 / 10, $"peak rose {afterAllocation - before} bytes over a {Allocation}-byte allocation");
        long afterReset = PeakMemory.Reset()!.Value;
        Assert.True(afterAllocation - afterReset >= Allocation / 2, $"peak {afterAllocation} only fell to {afterReset} on reset");
    }

    [Fact]
    public void EachPublishedRunRecordsItsOwnPeakAndOldManifestsWithoutOneStillLoad()
    {
        var store = new RunStore(folder.Path);
        // The first manifest loads libtorch (its version is provenance): ~100 MB resident from then on, in every run after it.
        Publish(store, "0.0", () => { });
        var big = Publish(store, "0.1", TouchNativeMemory);
        var small = Publish(store, "0.2", () => { });
        if (PeakMemory.Reset() is null)
        {
            Assert.Null(store.Find(big.Manifest.Key)!.Manifest.Machine!.PeakRssBytes);   // no reset, so no peak is recorded
            Assert.Null(store.Find(big.Manifest.Key)!.Manifest.Machine!.StartRssBytes);
            return;
        }
        // Read back from disk: the field round-trips, and the second run does not inherit the first one's peak.
        long bigPeak = store.Find(big.Manifest.Key)!.Manifest.Machine!.PeakRssBytes!.Value;
        long smallPeak = store.Find(small.Manifest.Key)!.Manifest.Machine!.PeakRssBytes!.Value;
        Assert.True(bigPeak - smallPeak >= Allocation / 2, $"peaks {bigPeak} and {smallPeak} bytes: the 200 MB run is not told apart");
        var start = store.Find(big.Manifest.Key)!.Manifest.Machine!.StartRssBytes!.Value;
        Assert.InRange(start, 1, bigPeak - Allocation * 9 / 10);   // resident before the allocation: the peak less it

        var manifest = JsonNode.Parse(File.ReadAllText(small.PathOf(RunFiles.Manifest)))!;
        Assert.True(manifest["machine"]!.AsObject().Remove("peak_rss_bytes"));
        Assert.True(manifest["machine"]!.AsObject().Remove("start_rss_bytes"));
        File.WriteAllText(small.PathOf(RunFiles.Manifest), manifest.ToJsonString());
        var old = store.Find(small.Manifest.Key)!.Manifest.Machine!;
        Assert.Null(old.PeakRssBytes);
        Assert.Null(old.StartRssBytes);
        Assert.NotNull(old.CpuSeconds);
    }

    private static StoreEntry Publish(RunStore store, string lr, Action work)
    {
        var inputs = new Dictionary<string, string> { ["config.lr"] = lr };
        return store.Publish(new RunKey(RunKey.Hash(inputs), inputs), new RunIdentity("A", "g", "quick", lr), dir =>
        {
            work();
            File.WriteAllText(Path.Combine(dir, "outcome.json"), "{}");
        });
    }

    /// <summary>200 MB of native memory (as libtorch's tensors are), every page written so that it is resident, then freed.</summary>
    private static void TouchNativeMemory()
    {
        nint memory = Marshal.AllocHGlobal((nint)Allocation);
        try
        {
            for (long offset = 0; offset < Allocation; offset += 4096) Marshal.WriteByte(memory + (nint)offset, 1);
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }
}

/// <summary>Tests that read the process's resident-memory high-water mark: run after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "process memory";
}
