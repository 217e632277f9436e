using System.Globalization;
using Repro.Core;

namespace Repro.Cli.Tests.Commands;

/// <summary>
/// Freed blocks kept in glibc's heap (KeptHeap), opt-in: a real `repro` process says what it set, and with the setting a
/// VGG step on 1,024 CIFAR-10 images (activations of 32 MiB, above glibc's largest mmap threshold) stops mapping them
/// afresh every step.
/// </summary>
public sealed class KeptHeapTests
{
    [Fact]
    public void The_process_keeps_glibcs_default_unless_asked()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (exit, stdout, stderr) = ReproProcess.Run(Path.GetTempPath(), "version");
        Assert.True(exit == 0, stderr);
        Assert.Contains("allocator: glibc's default", stdout);
        (exit, stdout, stderr) = ReproProcess.Run(Path.GetTempPath(), new Dictionary<string, string> { [KeptHeap.Variable] = "1" }, "version");
        Assert.True(exit == 0, stderr);
        Assert.Contains("allocator: freed blocks kept in glibc's heap (mallopt M_MMAP_MAX=0", stdout);
    }

    [Fact]
    public void A_kept_heap_spares_a_large_cnn_step_most_of_its_page_faults()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var data = new TemporaryFolder("repro-test-heap-");
        var cifar = Directory.CreateDirectory(data.Combine("cifar-10-batches-bin")).FullName;
        File.WriteAllBytes(Path.Combine(cifar, "data_batch_1.bin"), TestData.CifarBatch(1024, seed: 3));
        File.WriteAllBytes(Path.Combine(cifar, "test_batch.bin"), TestData.CifarBatch(100, seed: 4));

        (long Faults, string Pages) Step(string kept)
        {
            var (exit, stdout, stderr) = ReproProcess.Run(data.Path, new Dictionary<string, string> { [KeptHeap.Variable] = kept, [HugePages.Variable] = "0" },
                "bench", "train-one", "--net", "vgg", "--op", "step", "--images", "1024", "--steps", "2", "--data", data.Path);
            Assert.True(exit == 0, stderr);
            // wall-ms CPU-ms faults pages peak-MB
            var fields = stdout.Trim().Split(' ');
            return (long.Parse(fields[2], CultureInfo.InvariantCulture), fields[3]);
        }

        var mapped = Step("0");
        var kept = Step("1");
        Assert.Equal("4k", mapped.Pages);
        Assert.Equal("4k+kept", kept.Pages);
        // 4 KB pages on both sides, so only the heap differs: at 2,048 images (with huge pages) 27,900 faults a step
        // against 2,260; with 4 KB pages the mapped side faults in every page of every activation.
        Assert.True(kept.Faults * 4 < mapped.Faults, $"page faults per step: heap kept {kept.Faults}, blocks mapped afresh {mapped.Faults}");
    }
}
