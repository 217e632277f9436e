using System.CommandLine;
using Repro.Core;

namespace Repro.Cli.Commands;

public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the engine, TorchSharp and libtorch versions that enter every run key, and the page and allocator settings (speed only).");
        command.SetAction(_ =>
        {
            Console.WriteLine($"engine {TorchRuntime.EngineVersion}");
            Console.WriteLine($"TorchSharp {TorchRuntime.TorchSharpVersion}");
            Console.WriteLine($"libtorch {TorchRuntime.LibTorchVersion}");
            Console.WriteLine($"memory: {HugePages.Describe()}");
            Console.WriteLine($"allocator: {KeptHeap.Describe()}");
            return 0;
        });
        return command;
    }
}
