namespace Repro.Core.Training;

/// <summary>A measurement taken every <see cref="Every"/> steps; it returns the row with its columns filled in.</summary>
public interface ITrainingHook
{
    int Every { get; }

    MetricsRow Measure(HookContext context, MetricsRow row);
}
