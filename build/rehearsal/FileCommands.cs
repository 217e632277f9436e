namespace Repro.Rehearsal;

/// <summary>GITHUB_OUTPUT and GITHUB_ENV files: <c>name=value</c> lines and <c>name&lt;&lt;DELIMITER</c> … <c>DELIMITER</c> blocks.</summary>
public static class FileCommands
{
    public static List<KeyValuePair<string, string>> Read(string path)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!File.Exists(path)) return pairs;
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue;
            int heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            int equals = line.IndexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                string name = line[..heredoc], delimiter = line[(heredoc + 2)..];
                var value = new List<string>();
                for (i++; i < lines.Length && lines[i] != delimiter; i++) value.Add(lines[i]);
                if (i >= lines.Length) throw new FormatException($"{path}: no closing {delimiter} for {name}");
                pairs.Add(new(name, string.Join('\n', value)));
            }
            else if (equals > 0) pairs.Add(new(line[..equals], line[(equals + 1)..]));
            else throw new FormatException($"{path}: line '{line}' is neither name=value nor name<<DELIMITER");
        }
        return pairs;
    }
}
