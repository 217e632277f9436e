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
    private const string Extension = ".tensors";

    public static string PathFor(string directory, long step) => Path.Combine(directory, $"{Prefix}{step:D8}{Extension}");

    public static void Save(string directory, torch.nn.Module model, Optimizer optimizer, IReadOnlyList<ICheckpointed>? hooks = null)
    {
        Directory.CreateDirectory(directory);
        var tensors = model.state_dict().Select(entry => ($"model.{entry.Key}", entry.Value))
            .Concat(optimizer.State().Select(entry => ($"optimizer.{entry.Name}", entry.Tensor)))
            .Concat((hooks ?? []).SelectMany((hook, i) => hook.State().Select(entry => ($"hook{i}.{entry.Name}", entry.Tensor))));
        TensorArchive.Write(PathFor(directory, optimizer.StepCount), tensors);
    }

    /// <summary>The newest checkpoint in the folder, or null when there is none.</summary>
    public static string? Latest(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, $"{Prefix}*{Extension}").OrderBy(path => path, StringComparer.Ordinal).LastOrDefault()
            : null;

    /// <summary>The step a checkpoint file is of, from its name; null for a name that is not a checkpoint's.</summary>
    public static long? StepOf(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Extension, StringComparison.Ordinal)
               && long.TryParse(name[Prefix.Length..^Extension.Length], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long step)
            ? step
            : null;
    }

    /// <summary>Loads the checkpoint into a model and optimizer built from the same spec; returns its step.</summary>
    public static long Restore(string path, torch.nn.Module model, Optimizer optimizer, IReadOnlyList<ICheckpointed>? hooks = null)
    {
        var saved = TensorArchive.Read(path);
        try
        {
            using (torch.no_grad())
            {
                foreach (var (name, tensor) in model.state_dict())
                {
                    if (!saved.TryGetValue($"model.{name}", out var value))
                        throw new InvalidDataException($"{path}: no '{name}', so it was written for a different model");
                    tensor.copy_(value);
                }
            }
            optimizer.LoadState(saved.Where(e => e.Key.StartsWith("optimizer.", StringComparison.Ordinal))
                .ToDictionary(e => e.Key["optimizer.".Length..], e => e.Value));
            for (var i = 0; i < (hooks?.Count ?? 0); i++)
            {
                var prefix = $"hook{i}.";
                hooks![i].LoadState(saved.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .ToDictionary(e => e.Key[prefix.Length..], e => e.Value));
            }
            return optimizer.StepCount;
        }
        finally
        {
            foreach (var tensor in saved.Values)
                tensor.Dispose();
        }
    }
}
