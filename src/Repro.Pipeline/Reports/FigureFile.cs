using ScottPlot;
using SkiaSharp;

namespace Repro.Pipeline.Reports;

/// <summary>Saves a panel figure as PNG and SVG, and the shared look of every figure.</summary>
public static class FigureFile
{
    public static readonly Color[] Palette = new ScottPlot.Palettes.Category10().Colors;

    public static IReadOnlyList<string> Save(Multiplot figure, ResultsFolder results, string artifact, int width, int height)
    {
        string png = results.Figure(artifact, "png");
        figure.SavePng(png, width, height);
        string svg = results.Figure(artifact, "svg");
        using (var stream = File.Create(svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            figure.Render(canvas, new PixelRect(0, width, height, 0));
        return [results.Relative(png), results.Relative(svg)];
    }

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
