using System.Globalization;
using Repro.Core;

namespace Repro.Cli.Tests.Commands;

/// <summary>
/// Large tensors on huge pages (HugePages), checked where it matters: a real `repro` process training a VGG step whose
/// activations (1,024 CIFAR-10 images, 32 MiB each) are above glibc's largest mmap threshold, so every step maps them
/// afresh. On 4 KB pages the kernel faults each page in; on huge pages it faults 2 MB at a time, where it can.
/// </summary>
public sealed class HugePagesTests
{
    [Fact]
    public void The_process_asks_libtorch_for_huge_pages_unless_told_otherwise()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (exit, stdout, stderr) = ReproProcess.Run(Path.GetTempPath(), "version");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"{HugePages.Variable}=1", stdout);
        (exit, stdout, stderr) = ReproProcess.Run(Path.GetTempPath(), new Dictionary<string, string> { [HugePages.Variable] = "0" }, "version");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"{HugePages.Variable}=0", stdout);
    }

    [Fact]
    public void Huge_pages_spare_a_large_cnn_step_most_of_its_page_faults()
    {
        // Only the kernel can grant huge pages: with transparent huge pages off (never) there is nothing to measure.
        if (!OperatingSystem.IsLinux() || HugePages.KernelMode is not ("madvise" or "always")) return;
        using var data = new TemporaryFolder("repro-test-pages-");
        var cifar = Directory.CreateDirectory(data.Combine("cifar-10-batches-bin")).FullName;
        File.WriteAllBytes(Path.Combine(cifar, "data_batch_1.bin"), TestData.CifarBatch(1024, seed: 3));
        File.WriteAllBytes(Path.Combine(cifar, "test_batch.bin"), TestData.CifarBatch(100, seed: 4));

        (long Faults, string Pages) Step(string hugePages)
        {
            var (exit, stdout, stderr) = ReproProcess.Run(data.Path, new Dictionary<string, string> { [HugePages.Variable] = hugePages },
                "bench", "train-one", "--net", "vgg", "--op", "step", "--images", "1024", "--steps", "2", "--data", data.Path);
            Assert.True(exit == 0, stderr);
            // wall-ms CPU-ms faults pages peak-MB
            var fields = stdout.Trim().Split(' ');
            return (long.Parse(fields[2], CultureInfo.InvariantCulture), fields[3]);
        }

        var small = Step("0");
        var huge = Step("1");
        Assert.Equal("4k", small.Pages);
        Assert.Equal("huge", huge.Pages);
        // How many huge pages the kernel grants depends on how fragmented its free memory is: 9–14× fewer faults on a
        // quiet machine, 3.5× once inside a CI rehearsal beside other builds. Without huge pages the ratio is about 1.
        Assert.True(huge.Faults * 2 < small.Faults, $"page faults per step: huge pages {huge.Faults}, 4 KB pages {small.Faults}");
    }
}
