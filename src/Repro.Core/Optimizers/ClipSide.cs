namespace Repro.Core.Optimizers;

/// <summary>Which way Clipped-Ada bounds Adam's denominator √v̂ by c.</summary>
public enum ClipSide
{
    /// <summary>min(√v̂, c): every coordinate steps at least about η/c, which lets instabilities back in.</summary>
    Upper,

    /// <summary>max(√v̂, c): the twin that caps every coordinate's step at about η/c.</summary>
    Lower,
}
