using TorchSharp;

namespace Repro.Core.Data;

/// <summary>Turns raw images into standardised tensors, with statistics from the training images only.</summary>
public static class ImageTensors
{
    public static (LabeledTensors Train, LabeledTensors Test) Standardise(ImageSet train, ImageSet test, Standardisation standardisation)
    {
        using var scope = torch.NewDisposeScope();
        var trainInputs = Scaled(train);
        var testInputs = Scaled(test);
        // Population statistics (numpy's default), over examples, and for PerChannel also over pixels.
        var dimensions = standardisation == Standardisation.PerFeature ? new long[] { 0 } : new long[] { 0, 2, 3 };
        var mean = trainInputs.mean(dimensions, keepdim: true);
        var deviation = trainInputs.std(dimensions, unbiased: false, keepdim: true);
        // Pixels that never vary (a Fashion-MNIST border) would divide by zero; leave them centred only.
        deviation = torch.where(deviation > 0, deviation, torch.ones_like(deviation));
        var result = (
            Labeled((trainInputs - mean) / deviation, train),
            Labeled((testInputs - mean) / deviation, test));
        result.Item1.Inputs.MoveToOuterDisposeScope();
        result.Item1.Labels.MoveToOuterDisposeScope();
        result.Item1.OneHot.MoveToOuterDisposeScope();
        result.Item2.Inputs.MoveToOuterDisposeScope();
        result.Item2.Labels.MoveToOuterDisposeScope();
        result.Item2.OneHot.MoveToOuterDisposeScope();
        return result;
    }

    private static torch.Tensor Scaled(ImageSet images) =>
        torch.tensor(images.Pixels, torch.ScalarType.Byte)
            .reshape(images.Count, images.Channels, images.Height, images.Width)
            .to_type(torch.ScalarType.Float32) / 255f;

    private static LabeledTensors Labeled(torch.Tensor inputs, ImageSet images)
    {
        var labels = torch.tensor(images.Labels, torch.ScalarType.Byte).to_type(torch.ScalarType.Int64);
        var oneHot = torch.nn.functional.one_hot(labels, images.ClassCount).to_type(torch.ScalarType.Float32);
        return new LabeledTensors(inputs.contiguous(), labels, oneHot);
    }
}
