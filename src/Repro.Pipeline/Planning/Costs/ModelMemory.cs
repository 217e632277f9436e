namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// One trainer model's peak resident memory, fitted from runs at its calibrated setup (data set, width): a fixed
/// <paramref name="BaseBytes"/> (the runtime, libtorch, the data set as read, the model) plus
/// <paramref name="BytesPerStepImage"/> for every image in a training step (its activations and their gradients, kept
/// for the backward pass) or, where curvature is measured and this is larger, <paramref name="BytesPerHessianImage"/>
/// for every image in a Hessian chunk (double backward keeps the gradient's graph too; null: not measured, then
/// <see cref="MemoryModel.HessianPassFactor"/> × the step's), or <paramref name="BytesPerForwardImage"/> for every image
/// of an evaluation pass (the trainer holds a whole pass's activations until it ends; null: not measured, then
/// <see cref="MemoryModel.ForwardPassFactor"/> × the step's). See <see cref="MemoryModel"/>.
/// </summary>
public sealed record ModelMemory(string Dataset, int Width, double BaseBytes, double BytesPerStepImage,
                                 double? BytesPerHessianImage = null, double? BytesPerForwardImage = null);
