using System.Diagnostics;
using System.Globalization;
using Repro.Core.Training;

namespace Repro.Cli.ConsoleText;

/// <summary>
/// One line rewritten in place on a terminal (step, loss, λ₁), at most ten times a second; plain periodic lines
/// when output is redirected or <c>CI</c> is set, so logs stay readable.
/// </summary>
public sealed class ProgressLine(long steps, TextWriter output, bool interactive)
{
    private readonly Stopwatch sinceDrawn = Stopwatch.StartNew();
    private readonly long plainEvery = Math.Max(1, steps / 20);
    private double? sharpness;
    private bool drawn;

    public static ProgressLine ForConsole(long steps) =>
        new(steps, Console.Out, !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));

    public void Show(MetricsRow row)
    {
        sharpness = row.Sharpness ?? sharpness;
        var text = Describe(row);
        if (interactive)
        {
            if (sinceDrawn.ElapsedMilliseconds < 100 && row.Step != steps)
                return;
            output.Write($"\r{text}\u001b[K");
            drawn = true;
            sinceDrawn.Restart();
        }
        else if (row.Step % plainEvery == 0 || row.Step == steps || row.Sharpness is not null)
        {
            output.WriteLine(text);
        }
    }

    /// <summary>Ends the in-place line so what follows starts on its own.</summary>
    public void Finish()
    {
        if (drawn)
            output.WriteLine();
    }

    private string Describe(MetricsRow row)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"step {row.Step}/{steps}  loss {row.TrainLoss:G5}  train acc {row.TrainAccuracy:F3}");
        if (row.TestAccuracy is { } test)
            text += string.Create(CultureInfo.InvariantCulture, $"  test acc {test:F3}");
        if (sharpness is { } lambda)
            text += string.Create(CultureInfo.InvariantCulture, $"  λ₁ {lambda:G4}");
        return text;
    }
}
