namespace Repro.Pipeline.Reports.Stats;

/// <summary>
/// Where a GD run's learning rate put it, judged from its own curvature measurements:
/// <c>Stable</c>: η ≤ 2/λ₁(θ₀) and λ₁ stayed below the edge; <c>EdgeOfStability</c>: η ≤ 2/λ₁(θ₀), λ₁ sharpened up to 2/η and
/// settled there; <c>Unsettled</c>: λ₁ reached 2/η but did not settle at it (e.g. climbed to 3·2/η, or fell far below);
/// <c>BeyondEdge</c>: η &gt; 2/λ₁(θ₀), unstable from the first step, yet convergent; <c>Divergent</c>: the loss blew up.
/// </summary>
public enum StabilityRegime { Stable, EdgeOfStability, Unsettled, BeyondEdge, Divergent }
