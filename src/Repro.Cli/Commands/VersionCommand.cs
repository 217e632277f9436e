using System.CommandLine;
using Repro.Core;

namespace Repro.Cli.Commands;

public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the engine, TorchSharp and libtorch versions that enter every run key.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"engine {TorchRuntime.EngineVersion}");
            Console.WriteLine($"TorchSharp {TorchRuntime.TorchSharpVersion}");
            Console.WriteLine($"libtorch {TorchRuntime.LibTorchVersion}");
            return 0;
        });
        return command;
    }
}
