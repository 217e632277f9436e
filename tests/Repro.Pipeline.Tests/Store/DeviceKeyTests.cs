using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

/// <summary>The device a run resolves to on the machine enters its key; on CUDA with the GPU model, CUDA runtime and TF32 setting.</summary>
public class DeviceKeyTests
{
    private static readonly KeyEnvironment CpuMachine = new(3, "0.107.0.0", "2.10.0.0", 2);
    private static readonly KeyEnvironment GpuMachine = CpuMachine with { Cuda = "NVIDIA A100 (driver 550), CUDA 12.8, TF32 off" };

    private static RunKey KeyOf(string device, KeyEnvironment environment)
    {
        string yaml = $$"""
            artifact: Figure1
            description: d
            render: figure1
            runs:
              g:
                base: {model: mlp, optimizer: gd, lr: 0.1, steps: 10{{(device.Length > 0 ? ", device: " + device : "")}}}
            profiles:
              quick: {}
            """;
        return RunKey.For(ExperimentReader.Read(yaml, "f.yaml").Resolve().Single().Config, environment, "sha256:data");
    }

    [Fact]
    public void CpuIsTheDefaultAndACpuRunHasTheSameKeyOnEveryMachine()
    {
        Assert.Equal(KeyOf("", CpuMachine).Value, KeyOf("cpu", CpuMachine).Value);
        Assert.Equal(KeyOf("cpu", CpuMachine).Value, KeyOf("cpu", GpuMachine).Value);
        Assert.Equal("cpu", KeyOf("cpu", GpuMachine).Inputs["device"]);
    }

    [Fact]
    public void CudaRunsAreKeyedByTheGpuCudaRuntimeAndTf32()
    {
        var cuda = KeyOf("cuda", GpuMachine);
        Assert.Equal("cuda (NVIDIA A100 (driver 550), CUDA 12.8, TF32 off)", cuda.Inputs["device"]);
        Assert.NotEqual(cuda.Value, KeyOf("cuda", GpuMachine with { Cuda = "NVIDIA H100 (driver 550), CUDA 12.8, TF32 off" }).Value);
        Assert.NotEqual(cuda.Value, KeyOf("cpu", GpuMachine).Value);
    }

    [Fact]
    public void AutoResolvesToWhatTheMachineHas()
    {
        Assert.Equal("cpu", KeyOf("auto", CpuMachine).Inputs["device"]);
        Assert.Equal(KeyOf("cuda", GpuMachine).Inputs["device"], KeyOf("auto", GpuMachine).Inputs["device"]);
        // The same computation has the same key: auto is the cpu run on a CPU machine and the cuda run on a GPU one.
        Assert.Equal(KeyOf("cpu", CpuMachine).Value, KeyOf("auto", CpuMachine).Value);
        Assert.Equal(KeyOf("cuda", GpuMachine).Value, KeyOf("auto", GpuMachine).Value);
    }

    [Fact]
    public void AnUnknownDeviceIsRejectedByTheSchema() =>
        Assert.Contains("device", Assert.Throws<SpecException>(() => KeyOf("tpu", CpuMachine)).Message);
}
