using Repro.Core.Curvature;
using Repro.Core.Optimizers;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// A run's full state at a step: parameters and batch-norm buffers, optimizer state (which holds the step count),
/// and the state of hooks that warm-start from earlier measurements.
/// Minibatch order is a pure function of (seed, epoch), so there is no random-generator state to keep.
/// </summary>
public static class Checkpoint
{
    private const string Prefix = "step-";
    private const string FinalPrefix = "final-";
    private const string Extension = ".tensors";
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";

    public static string PathFor(string directory, long step) => Path.Combine(directory, $"{Prefix}{step:D8}{Extension}");

    /// <summary>Writes the checkpoint of the optimizer's step and returns its path.</summary>
    public static string Save(string directory, torch.nn.Module model, Optimizer optimizer, IReadOnlyList<ICheckpointed>? hooks = null)
    {
        Directory.CreateDirectory(directory);
        var tensors = model.state_dict().Select(entry => ($"{ModelPrefix}{entry.Key}", entry.Value))
            .Concat(optimizer.State().Select(entry => ($"{OptimizerPrefix}{entry.Name}", entry.Tensor)))
            .Concat((hooks ?? []).SelectMany((hook, i) => hook.State().Select(entry => ($"hook{i}.{entry.Name}", entry.Tensor))));
        string path = PathFor(directory, optimizer.StepCount);
        TensorArchive.Write(path, tensors);
        return path;
    }

    /// <summary>
    /// Replaces a finished run's last checkpoint by its model and optimizer state alone, written beside it as
    /// <c>final-STEP.tensors</c>: what <c>repro curvature</c> reads. The hooks' state only serves to resume (the parameter
    /// snapshots behind the distance to the final iterate are 44 MB of a 45 MB Figure1 paper checkpoint), and a finished
    /// run never resumes. The new name is not a checkpoint's, so should the run still be resumed (a crash before it is
    /// published) it starts over rather than resume without that state. Returns the new file.
    /// </summary>
    public static string KeepModelOnly(string path)
    {
        string final = Path.Combine(Path.GetDirectoryName(path)!, $"{FinalPrefix}{StepOf(path) ?? 0:D8}{Extension}");
        var saved = TensorArchive.Read(path);
        try
        {
            TensorArchive.Write(final, saved.Where(e => e.Key.StartsWith(ModelPrefix, StringComparison.Ordinal) || e.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
                                            .Select(e => (e.Key, e.Value)));
        }
        finally
        {
            foreach (var tensor in saved.Values) tensor.Dispose();
        }
        File.Delete(path);
        return final;
    }

    /// <summary>The newest checkpoint in the folder, or null when there is none.</summary>
    public static string? Latest(string directory) => All(directory).LastOrDefault();

    /// <summary>The folder's checkpoints, oldest first (the step is zero-padded in the name).</summary>
    public static IReadOnlyList<string> All(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, $"{Prefix}*{Extension}").OrderBy(path => path, StringComparer.Ordinal)]
            : [];

    /// <summary>The step a checkpoint file is of, from its name; null for a name that is not a checkpoint's.</summary>
    public static long? StepOf(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Extension, StringComparison.Ordinal)
               && long.TryParse(name[Prefix.Length..^Extension.Length], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long step)
            ? step
            : null;
    }

    /// <summary>
    /// Loads the checkpoint into a model and optimizer built from the same spec; returns its step. A checkpoint may
    /// come from outside (partial work carried between machines), so anything that does not fit (a damaged file, a
    /// tensor missing or of another shape or type, state a hook cannot take) is an <see cref="InvalidDataException"/>
    /// naming the file, never a crash later in the run.
    /// </summary>
    public static long Restore(string path, torch.nn.Module model, Optimizer optimizer, IReadOnlyList<ICheckpointed>? hooks = null)
    {
        var saved = TensorArchive.Read(path);
        try
        {
            using (torch.no_grad())
            {
                foreach (var (name, tensor) in model.state_dict())
                    tensor.copy_(Fitting(path, saved, $"{ModelPrefix}{name}", tensor));
                foreach (var (name, tensor) in optimizer.State())
                    tensor.copy_(Fitting(path, saved, $"{OptimizerPrefix}{name}", tensor));
            }
            var parameterCount = ParameterVector.Dimension(model);
            for (var i = 0; i < (hooks?.Count ?? 0); i++)
            {
                var prefix = $"hook{i}.";
                try
                {
                    hooks![i].LoadState(saved.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
                        .ToDictionary(e => e.Key[prefix.Length..], e => e.Value), parameterCount);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidDataException($"{path}: state of {hooks![i].GetType().Name} unusable ({e.Message})", e);
                }
            }
            if (StepOf(path) is { } named && named != optimizer.StepCount)
                throw new InvalidDataException($"{path}: holds step {optimizer.StepCount}, its name says {named}");
            return optimizer.StepCount;
        }
        finally
        {
            foreach (var tensor in saved.Values)
                tensor.Dispose();
        }
    }

    /// <summary>
    /// Loads only the model's parameters and buffers from a checkpoint (a finished run's <c>final-STEP.tensors</c> will
    /// do): the start of a run that continues another's final iterate with its own optimizer, from step 0. Anything
    /// that does not fit the model is an <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public static void LoadModel(string path, torch.nn.Module model)
    {
        var saved = TensorArchive.Read(path);
        try
        {
            using (torch.no_grad())
                foreach (var (name, tensor) in model.state_dict())
                    tensor.copy_(Fitting(path, saved, $"{ModelPrefix}{name}", tensor));
        }
        finally
        {
            foreach (var tensor in saved.Values)
                tensor.Dispose();
        }
    }

    /// <summary>The model-and-optimizer file a finished run leaves (<see cref="KeepModelOnly"/>), or null when it left none.</summary>
    public static string? Final(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, $"{FinalPrefix}*{Extension}").Order(StringComparer.Ordinal).LastOrDefault()
            : null;

    // The saved tensor for `name`, if it has the shape and type of the live one it replaces.
    private static torch.Tensor Fitting(string path, Dictionary<string, torch.Tensor> saved, string name, torch.Tensor live)
    {
        if (!saved.TryGetValue(name, out var value))
            throw new InvalidDataException($"{path}: no '{name}', so it was written for a different model or optimizer");
        if (value.dtype != live.dtype || !value.shape.SequenceEqual(live.shape))
            throw new InvalidDataException($"{path}: '{name}' is {value.dtype}[{string.Join(", ", value.shape)}], the run's is {live.dtype}[{string.Join(", ", live.shape)}]");
        return value;
    }
}
