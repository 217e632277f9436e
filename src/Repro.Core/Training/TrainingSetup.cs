using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Models;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// What a <see cref="TrainingSpec"/> trains and measures, built the one way the trainer, <c>repro curvature</c> and
/// <c>repro bench</c> share: the model (initialised from the seed), the loss and its targets, the data in the model's
/// memory layout, and the fixed Hessian set, all on the spec's device. It owns these tensors; the <see cref="TrainingData"/> stays the caller's.
/// </summary>
public sealed class TrainingSetup : IDisposable
{
    private TrainingSetup(TrainingSpec spec, torch.nn.Module<torch.Tensor, torch.Tensor> model, LabeledTensors train, LabeledTensors test,
                          LabeledTensors? validation)
    {
        Validation = validation;
        Spec = spec;
        Model = model;
        Train = train;
        Test = test;
        Loss = Losses.Loss.For(spec.Loss);
        TrainTargets = Losses.Loss.Targets(spec.Loss, train);
        HessianSet = Training.HessianSet.Chunks(train.Inputs, TrainTargets, spec.HessianSize, Training.HessianSet.ChunkSizeFor(spec.Model.Architecture));
    }

    public TrainingSpec Spec { get; }

    public torch.nn.Module<torch.Tensor, torch.Tensor> Model { get; }

    /// <summary>(output, targets) → mean loss.</summary>
    public Func<torch.Tensor, torch.Tensor, torch.Tensor> Loss { get; }

    /// <summary>The training subset, inputs in the model's memory layout.</summary>
    public LabeledTensors Train { get; }

    public LabeledTensors Test { get; }

    /// <summary>The validation split held out of the training subset, or null.</summary>
    public LabeledTensors? Validation { get; }

    /// <summary>What the loss compares the model's output with on the training subset (one-hot for MSE, labels for cross-entropy).</summary>
    public torch.Tensor TrainTargets { get; }

    /// <summary>The first HessianSize training examples, in chunks.</summary>
    public IReadOnlyList<(torch.Tensor Inputs, torch.Tensor Targets)> HessianSet { get; }

    /// <param name="layout">CNNs only (an MLP flattens its input): channels-last by default; the bench also times the contiguous layout.</param>
    public static TrainingSetup From(TrainingSpec spec, TrainingData data, MemoryLayout layout = MemoryLayout.ChannelsLast)
    {
        if (spec.Model.Architecture == Architecture.Mlp) layout = MemoryLayout.Contiguous;
        var shape = data.Train.Inputs.shape;
        var device = TorchDevice.Resolve(spec.Device);
        var model = ModelFactory.Create(spec.Model, (int)shape[1], (int)shape[2], (int)shape[3], data.Train.ClassCount, spec.Seed, layout);
        model.to(device);   // initialised on the CPU from the seed, so every device starts from the same θ₀
        return new TrainingSetup(spec, model, LayOut(data.Train, layout, device), LayOut(data.Test, layout, device),
                                 data.Validation is null ? null : LayOut(data.Validation, layout, device));
    }

    public void Dispose()
    {
        Model.Dispose();
        Train.Dispose();
        Test.Dispose();
        Validation?.Dispose();
    }

    // New handles (sharing storage where nothing changes), so disposing them leaves the caller's data intact.
    private static LabeledTensors LayOut(LabeledTensors data, MemoryLayout layout, torch.Device device)
    {
        var onDevice = data.Inputs.to(device);
        var laidOut = layout.Apply(onDevice);
        if (!ReferenceEquals(laidOut, onDevice)) onDevice.Dispose();
        return new(laidOut, data.Labels.to(device), data.OneHot.to(device));
    }
}
