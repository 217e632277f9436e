namespace Repro.Pipeline.Specs;

/// <summary>A bad experiment file: the message is one line naming the file, the line and the reason.</summary>
public sealed class SpecException(string file, int line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
