using System.Text;
using ScottPlot;
using SkiaSharp;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>Saves a panel figure as PNG and SVG, and the shared look of every figure.</summary>
public static partial class FigureFile
{
    public static readonly Color[] Palette = new ScottPlot.Palettes.Category10().Colors;

    public static IReadOnlyList<string> Save(Multiplot figure, ResultsFolder results, string artifact, int width, int height)
    {
        string png = results.Figure(artifact, "png");
        figure.SavePng(png, width, height);
        string svg = results.Figure(artifact, "svg");
        using (var stream = new MemoryStream())
        {
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
                figure.Render(canvas, new PixelRect(0, width, height, 0));
            File.WriteAllText(svg, NumberClipPathsFromOne(Encoding.UTF8.GetString(stream.ToArray())), new UTF8Encoding(false));
        }
        return [results.Relative(png), results.Relative(svg)];
    }

    /// <summary>
    /// Skia names clip paths (cl_ and a hexadecimal number) from a counter that lives as long as the process (cl_96 when other figures were drawn
    /// before), so the same figure's SVG would differ by what else one `repro render` drew. Renumbered in order of first
    /// appearance, the SVG depends on the figure alone.
    /// </summary>
    private static string NumberClipPathsFromOne(string svg)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipPathId().Replace(svg, m => $"cl_{(numbers.TryGetValue(m.Value, out int n) ? n : numbers[m.Value] = numbers.Count + 1)}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipPathId();

    /// <summary>Ticks for an axis that holds log10 of the data, labelled with the data's values.</summary>
    public static void UseLogTicks(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => Math.Pow(10, x).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
