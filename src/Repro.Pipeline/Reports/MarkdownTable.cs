using System.Text;

namespace Repro.Pipeline.Reports;

/// <summary>A GitHub-flavoured Markdown table; numbers are formatted by the caller.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"row has {cells.Length} cells, table has {headers.Length} columns");
        rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers.Select(MarkdownText.Inline)).AppendLine(" |");
        text.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
        foreach (var row in rows) text.Append("| ").AppendJoin(" | ", row.Select(MarkdownText.Inline)).AppendLine(" |");
        return text.ToString();
    }
}
