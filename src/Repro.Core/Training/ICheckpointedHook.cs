namespace Repro.Core.Training;

/// <summary>A hook whose measurements depend on earlier ones (a warm start); its state goes into checkpoints.</summary>
public interface ICheckpointedHook : ITrainingHook, ICheckpointed;
