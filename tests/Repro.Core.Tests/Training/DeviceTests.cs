using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using TorchSharp;

namespace Repro.Core.Tests.Training;

/// <summary>What a CPU-only build can test of devices: the refusal of CUDA, auto falling back, everything on the model's device.</summary>
public class DeviceTests
{
    [Fact]
    public void CudaOnACpuOnlyBuildNamesTheBuildSwitch()
    {
        Assert.False(TorchDevice.CudaAvailable);
        var refusal = Assert.Throws<ArgumentException>(() => TorchDevice.Resolve(DeviceKind.Cuda));
        Assert.Contains(TorchDevice.CudaBuildSwitch, refusal.Message);
        Assert.Null(TorchDevice.CudaDescription);
    }

    [Fact]
    public void AutoAndCpuResolveToTheCpu()
    {
        Assert.Equal(DeviceType.CPU, TorchDevice.Resolve(DeviceKind.Auto).type);
        Assert.Equal(DeviceType.CPU, TorchDevice.Resolve(DeviceKind.Cpu).type);
    }

    [Fact]
    public void TheSetupPutsDataAndHessianSetOnTheModelsDevice()
    {
        using var data = Subsets.Cifar(16);
        var spec = new TrainingSpec("cifar10", 16, 20, new ModelSpec(Architecture.Vgg, Width: 4), LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Gd, 0.05), Steps: 1, Seed: 0)
        { Device = DeviceKind.Auto };
        using var setup = TrainingSetup.From(spec, data);
        var parameter = setup.Model.parameters().First();
        Assert.All([setup.Train.Inputs, setup.Train.Labels, setup.Test.Inputs, setup.TrainTargets, .. setup.HessianSet.Select(c => c.Inputs)],
            tensor => Assert.Equal((parameter.device_type, parameter.device_index), (tensor.device_type, tensor.device_index)));
    }
}
