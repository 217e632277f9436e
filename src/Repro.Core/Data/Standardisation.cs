namespace Repro.Core.Data;

/// <summary>How inputs scaled to [0, 1] are centred and scaled, always with statistics of the training subset.</summary>
public enum Standardisation
{
    /// <summary>Each pixel of each channel separately, as the edge-of-stability code does for MLPs.</summary>
    PerFeature,

    /// <summary>One mean and deviation per colour channel, as usual for CNNs.</summary>
    PerChannel,
}
