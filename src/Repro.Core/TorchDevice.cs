using System.Diagnostics;
using TorchSharp;

namespace Repro.Core;

/// <summary>Where a run's tensors live: the <c>device</c> run field (auto, cpu, cuda).</summary>
public enum DeviceKind
{
    Cpu,
    Cuda,

    /// <summary>CUDA when this build and machine have it, else the CPU.</summary>
    Auto,
}

/// <summary>
/// Resolves a <see cref="DeviceKind"/> on this build and machine. The CUDA build is opt-in (<see cref="CudaBuildSwitch"/>,
/// TorchSharp-cuda-linux instead of TorchSharp-cpu); on a CPU-only build asking for CUDA is bad input, never a silent
/// fall-back. On CUDA, TF32 is switched off (it changes float32 numbers) and the GPU, the CUDA runtime and the TF32
/// setting enter every run key (<see cref="CudaDescription"/>).
/// </summary>
public static class TorchDevice
{
    public const string CudaBuildSwitch = "-p:TorchBackend=cuda";

    /// <summary>The CUDA runtime libtorch is built against in TorchSharp-cuda-linux 0.107.</summary>
    public const string CudaRuntimeVersion = "12.8";

    private static readonly Lazy<string?> Description = new(Describe);

    public static bool CudaAvailable => torch.cuda.is_available();

    /// <summary>"GPU model, driver, CUDA runtime, TF32 off" of this machine's first GPU, or null when CUDA is not available.</summary>
    public static string? CudaDescription => Description.Value;

    /// <summary>The device to create tensors on; throws (bad input) for CUDA on a build or machine without it.</summary>
    public static torch.Device Resolve(DeviceKind kind)
    {
        if (kind == DeviceKind.Cpu || (kind == DeviceKind.Auto && !CudaAvailable))
            return torch.CPU;
        if (!CudaAvailable)
            throw new ArgumentException(
                $"device cuda: this build's libtorch is CPU-only; rebuild with `dotnet build {CudaBuildSwitch}` on a machine with an NVIDIA GPU (docs/gpu.md)");
        DisableTf32();
        return torch.CUDA;
    }

    private static void DisableTf32()
    {
        torch.backends.cuda.matmul.allow_tf32 = false;
        torch.backends.cudnn.allow_tf32 = false;
    }

    private static string? Describe()
    {
        if (!CudaAvailable) return null;
        DisableTf32();
        return $"{GpuModel()}, CUDA {CudaRuntimeVersion}, TF32 off";
    }

    // TorchSharp has no device-name query; the driver's tool does, wherever the CUDA build can run.
    private static string GpuModel()
    {
        try
        {
            using var smi = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,driver_version --format=csv,noheader -i 0")
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var line = smi.StandardOutput.ReadLine()?.Trim();
            smi.WaitForExit();
            return string.IsNullOrEmpty(line) ? "unknown GPU" : $"{line.Split(',')[0].Trim()} (driver {line.Split(',').ElementAtOrDefault(1)?.Trim()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown GPU";
        }
    }
}
