using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Repro.Cli.ConsoleText;
using Repro.Core;
using Repro.Core.Benchmarks;
using Repro.Core.Models;
using Repro.Core.Training;
using Repro.Pipeline.Specs;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro bench train</c>: ms per full-batch step and Hessian-vector product. The CNNs are timed as they ran before
/// issue 11 (contiguous NCHW tensors on 4 KB pages; products over Hessian-set chunks of 1,024) and as they run now
/// (channels-last, large tensors on huge pages, <see cref="HugePages"/>; products over chunks of 256,
/// <see cref="HessianSet.ConvolutionalChunkSize"/>), and with freed blocks kept in the heap (<see cref="KeptHeap"/>, opt-in), each configuration in a fresh child process, since libtorch reads the page setting once per
/// process and a process's heap remembers what ran before. The children run back to back in one sitting, so the
/// ratios hold on a shared machine even where the absolute times do not.
/// </summary>
public static class BenchTrainCommand
{
    private const string ChildName = "train-one";

    private static readonly Option<int> Steps = new("--steps") { Description = "Timed steps of the MLP (the CNNs take a tenth, at least 3).", DefaultValueFactory = _ => 500 };
    private static readonly Option<int> Images = new("--images") { Description = "CIFAR-10 images of the CNNs' full batch (fewer on a busy machine: the ratios are what counts).", DefaultValueFactory = _ => 5120 };
    private static readonly Option<string> Net = new("--net") { Description = "vgg or resnet.", DefaultValueFactory = _ => "vgg" };
    private static readonly Option<string> Operation = new("--op") { Description = "step or hvp.", DefaultValueFactory = _ => "step" };
    private static readonly Option<string> Layout = new("--layout") { Description = "contiguous or channels-last.", DefaultValueFactory = _ => "channels-last" };
    private static readonly Option<int> HessianChunk = new("--hessian-chunk") { Description = "Examples per Hessian-set chunk of a product (0: the net's own).", DefaultValueFactory = _ => 0 };

    // The nets as `--model` and the YAML name them, and the layouts as kebab-case flags: one spelling, parent and child.
    private static readonly string[] Nets = [RunChoices.Architectures.NameOf(Architecture.Vgg), RunChoices.Architectures.NameOf(Architecture.ResNet)];
    private static readonly string[] Layouts = [.. Enum.GetValues<MemoryLayout>().Select(KebabCase.Spell)];

    /// <param name="HessianChunk">Examples per Hessian-set chunk of a product: 1,024 as before, 0 for the net's own now.</param>
    /// <param name="KeptHeap">Freed blocks kept in glibc's heap (<see cref="Repro.Core.KeptHeap"/>), as the tool runs now.</param>
    private sealed record Configuration(string Label, MemoryLayout Layout, bool HugePages, int HessianChunk = HessianSet.ChunkSize, bool KeptHeap = false);

    private static readonly Configuration[] StepConfigurations =
    [
        new("before (contiguous, 4 KB pages)", MemoryLayout.Contiguous, false),
        new("channels-last only", MemoryLayout.ChannelsLast, false),
        new("huge pages only (contiguous)", MemoryLayout.Contiguous, true),
        new("now (channels-last, huge pages)", MemoryLayout.ChannelsLast, true),
        new("+ heap kept (REPRO_KEEP_HEAP=1)", MemoryLayout.ChannelsLast, true, KeptHeap: true),
    ];

    // A product also takes its Hessian set in the net's own chunks now (HessianSet.ConvolutionalChunkSize).
    private static readonly Configuration[] HvpConfigurations =
    [
        .. StepConfigurations[..^2],
        new("chunks of 256 only (contiguous)", MemoryLayout.Contiguous, false, HessianSet.ConvolutionalChunkSize),
        StepConfigurations[^2] with { Label = "now (channels-last, huge, 256)", HessianChunk = 0 },
        StepConfigurations[^1] with { Label = "+ heap kept (REPRO_KEEP_HEAP=1)", HessianChunk = 0 },
    ];

    public static Command Create()
    {
        var command = new Command("train", "ms per full-batch GD step: 3×32 ReLU MLP on 1,000 Fashion-MNIST images (MSE); VGG- and ResNet-style nets on 5,120 CIFAR-10 images (cross-entropy), each step and Hessian-vector product timed as before issue 11 (contiguous, 4 KB pages) and now (channels-last, huge pages), and with freed blocks kept in the heap (opt-in), one fresh process each, side by side, with CPU time and peak resident memory.");
        command.Options.Add(Steps);
        command.Options.Add(Images);
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var threads = CommonOptions.ThreadCount(parse);
            var steps = parse.GetValue(Steps);
            var images = parse.GetValue(Images);
            TorchRuntime.PinThreads(threads);
            var dataDirectory = Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data));
            Console.WriteLine($"threads {threads}, TorchSharp {TorchRuntime.TorchSharpVersion}, libtorch {TorchRuntime.LibTorchVersion}, {HugePages.Describe()}");
            var mlp = BenchmarkSetups.Timed(BenchmarkSetups.Mlp);
            using (var data = TrainingData.Load(mlp, dataDirectory))
            {
                var step = TrainingTimings.Step(mlp, data, steps, MemoryLayout.Contiguous).Milliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlp 3x32 relu, fashion-mnist 1000, mse: {step:F3} ms/step over {steps} steps"));
                var tracking = TrainingTimings.OscillationMilliseconds(mlp, data, steps);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which oscillation tracking (step_norm, period_two_norm, step_along_v1): {tracking:F4} ms/step, {100 * tracking / step:F2}%"));
            }
            var cnnSteps = Math.Max(3, steps / 100);
            foreach (var net in Nets)
                foreach (var operation in new[] { "step", "hvp" })
                    Compare(parse, net, operation, images, cnnSteps, threads);
            return 0;
        }));
        return command;
    }

    /// <summary>The hidden child: one configuration in this process, printing "wall-ms cpu-ms faults pages peak-MB" on one line.</summary>
    public static Command CreateChild()
    {
        var command = new Command(ChildName, "One CNN configuration of `repro bench train` in this process (its child): prints wall ms, CPU ms, page faults per repetition, pages and peak resident MB.") { Hidden = true };
        command.Options.Add(Steps);
        command.Options.Add(Images);
        command.Options.Add(Net);
        command.Options.Add(Operation);
        command.Options.Add(Layout);
        command.Options.Add(HessianChunk);
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            TorchRuntime.PinThreads(CommonOptions.ThreadCount(parse));
            var net = parse.GetValue(Net)!;
            var architecture = Nets.Contains(net)
                ? RunChoices.Architectures.Parse(net)
                : throw new ArgumentException($"--net: '{net}' is not one of {string.Join(", ", Nets)}");
            var layoutName = parse.GetValue(Layout)!;
            var layout = Layouts.Contains(layoutName)
                ? Enum.GetValues<MemoryLayout>().Single(l => KebabCase.Spell(l) == layoutName)
                : throw new ArgumentException($"--layout: '{layoutName}' is not one of {string.Join(", ", Layouts)}");
            var repetitions = parse.GetValue(Steps);
            ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1, "--steps");
            var spec = BenchmarkSetups.Timed(BenchmarkSetups.Cnn(architecture, parse.GetValue(Images)));
            using var data = TrainingData.Load(spec, Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data)));
            var timing = parse.GetValue(Operation) switch
            {
                "step" => TrainingTimings.Step(spec, data, repetitions, layout),
                "hvp" => TrainingTimings.Hvp(spec, data, repetitions, layout, parse.GetValue(HessianChunk)),
                var other => throw new ArgumentException($"--op: '{other}' is not one of step, hvp"),
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{timing.Milliseconds:R} {timing.CpuMilliseconds:R} {timing.Faults?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} {(HugePages.Requested ? "huge" : "4k")}{(KeptHeap.Active ? "+kept" : "")} {PeakResidentMegabytes()?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}"));
            return 0;
        }));
        return command;
    }

    private static void Compare(ParseResult parse, string net, string operation, int images, int repetitions, int threads)
    {
        var configurations = operation == "step" ? StepConfigurations : HvpConfigurations;
        var results = configurations.Select(configuration => RunChild(parse, net, operation, images, repetitions, threads, configuration)).ToArray();
        var c = CultureInfo.InvariantCulture;
        var what = operation == "step" ? "GD step" : "Hessian-vector product";
        Console.WriteLine(string.Create(c, $"{net} base 8, cifar10 {images}, cross-entropy, {what} (mean of {repetitions}, one process each):"));
        for (var i = 0; i < configurations.Length; i++)
        {
            var (ms, cpu, faults, pages, peak) = results[i];
            Console.WriteLine(string.Create(c,
                $"  {configurations[i].Label,-34} {ms,9:F1} ms {results[0].Milliseconds / ms,5:F2}x  CPU {cpu,9:F1} ms {results[0].CpuMilliseconds / cpu,5:F2}x  faults {faults,9}  peak {peak,6} MB  ({pages})"));
        }
    }

    private static (double Milliseconds, double CpuMilliseconds, string Faults, string Pages, string PeakMegabytes) RunChild(ParseResult parse, string net, string operation, int images, int repetitions,
                                                                              int threads, Configuration configuration)
    {
        var start = SelfStart();
        foreach (var argument in new[]
                 {
                     "bench", ChildName, "--net", net, "--op", operation, "--images", images.ToString(CultureInfo.InvariantCulture),
                     "--steps", repetitions.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture),
                     "--layout", KebabCase.Spell(configuration.Layout),
                     "--hessian-chunk", configuration.HessianChunk.ToString(CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(argument);
        if (parse.GetValue(CommonOptions.Data) is { } data)
        {
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(data);
        }
        start.Environment[HugePages.Variable] = configuration.HugePages ? "1" : "0";
        start.Environment[KeptHeap.Variable] = configuration.KeptHeap ? "1" : "0";
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a child process of repro");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var fields = output.Trim().Split(' ');
        if (process.ExitCode != 0 || fields.Length != 5)
            throw new InvalidOperationException($"the child timing {net} {operation} ({configuration.Label}) failed with exit code {process.ExitCode}");
        return (double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture), fields[2], fields[3], fields[4]);
    }

    // This very tool again: the apphost, or `dotnet repro.dll` when started through dotnet.
    private static ProcessStartInfo SelfStart()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program this process runs");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(BenchTrainCommand).Assembly.Location);
        return start;
    }

    /// <summary>This process's peak resident memory in MB (Linux's VmHWM in /proc/self/status), or null elsewhere.</summary>
    private static long? PeakResidentMegabytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
