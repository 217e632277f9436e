using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Repro.Rehearsal;

/// <summary>
/// GitHub Actions' expression language (<c>${{ … }}</c>), the part workflows use: literals, property access
/// (<c>a.b</c>, <c>a['b']</c>), <c>! == != &lt; &lt;= &gt; &gt;= &amp;&amp; ||</c>, parentheses and the functions
/// contains, startsWith, endsWith, format, join, toJSON, fromJSON, hashFiles and the status functions.
/// Values: null, bool, double, string, <see cref="Obj"/> (case-insensitive keys) and <see cref="List{T}"/>.
/// Loose equality and truthiness follow GitHub's documented rules.
/// </summary>
public sealed class Expression
{
    /// <summary>What an expression can see: named contexts and the functions that need the runner.</summary>
    public sealed class Scope
    {
        public Obj Contexts { get; } = new();
        public Func<IReadOnlyList<string>, string> HashFiles { get; init; } = _ => "";
        public Func<string, bool> Status { get; init; } = name => name is "success" or "always";
    }

    public sealed class Obj : Dictionary<string, object?>
    {
        public Obj() : base(StringComparer.OrdinalIgnoreCase) { }
    }

    private readonly string text;
    private int pos;
    private readonly Scope scope;

    private Expression(string text, Scope scope) { this.text = text; this.scope = scope; }

    public static object? Evaluate(string expression, Scope scope)
    {
        var e = new Expression(expression, scope);
        object? value = e.Or();
        e.SkipSpace();
        if (e.pos < e.text.Length) throw e.Error("unexpected text");
        return value;
    }

    /// <summary>A workflow value: a string with <c>${{ }}</c> parts interpolated; exactly one expression keeps its type (a list, a bool).</summary>
    public static object? Interpolate(object? value, Scope scope)
    {
        if (value is not string s || !s.Contains("${{")) return value;
        string trimmed = s.Trim();
        if (trimmed.StartsWith("${{") && trimmed.EndsWith("}}") && trimmed.IndexOf("${{", 3, StringComparison.Ordinal) < 0)
            return Evaluate(trimmed[3..^2], scope);
        var result = new StringBuilder();
        int at = 0;
        while (true)
        {
            int open = s.IndexOf("${{", at, StringComparison.Ordinal);
            if (open < 0) { result.Append(s, at, s.Length - at); break; }
            int close = s.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"unclosed ${{{{ in: {s}");
            result.Append(s, at, open - at).Append(ToText(Evaluate(s[(open + 3)..close], scope)));
            at = close + 2;
        }
        return result.ToString();
    }

    /// <summary>An <c>if:</c> condition: an expression with or without its <c>${{ }}</c>.</summary>
    public static bool Condition(string? condition, Scope scope)
    {
        if (string.IsNullOrWhiteSpace(condition)) return scope.Status("success");
        string c = condition.Trim();
        if (c.StartsWith("${{") && c.EndsWith("}}") && c.IndexOf("${{", 3, StringComparison.Ordinal) < 0) c = c[3..^2];
        // GitHub adds success() to a condition that calls no status function.
        bool hasStatus = new[] { "success(", "always(", "failure(", "cancelled(" }.Any(f => c.Contains(f, StringComparison.OrdinalIgnoreCase));
        bool value = Truthy(Evaluate(c, scope));
        return hasStatus ? value : value && scope.Status("success");
    }

    public static string ToText(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        _ => ToJson(value),
    };

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    public static object? FromJson(string json) => Convert(JsonDocument.Parse(json).RootElement);

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Aggregate(new Obj(), (o, p) => { o[p.Name] = Convert(p.Value); return o; }),
        JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static string ToJson(object? value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true });

    private static double ToNumber(object? v) => v switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s when s.Trim().Length == 0 => 0,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        _ => double.NaN,
    };

    private static bool LooseEquals(object? a, object? b)
    {
        if (a is string sa && b is string sb) return string.Equals(sa, sb, StringComparison.OrdinalIgnoreCase);
        if (a is null && b is null) return true;
        if (a is Obj or List<object?> || b is Obj or List<object?>) return ReferenceEquals(a, b);
        return ToNumber(a) == ToNumber(b);
    }

    private static int Compare(object? a, object? b) =>
        a is string sa && b is string sb ? string.Compare(sa, sb, StringComparison.OrdinalIgnoreCase) : ToNumber(a).CompareTo(ToNumber(b));

    // ---- the parser, evaluating as it goes ----

    private object? Or()
    {
        var left = And();
        while (Take("||")) { var right = And(); left = Truthy(left) ? left : right; }
        return left;
    }

    private object? And()
    {
        var left = Equality();
        while (Take("&&")) { var right = Equality(); left = Truthy(left) ? right : left; }
        return left;
    }

    private object? Equality()
    {
        var left = Comparison();
        while (true)
        {
            if (Take("==")) left = LooseEquals(left, Comparison());
            else if (Take("!=")) left = !LooseEquals(left, Comparison());
            else return left;
        }
    }

    private object? Comparison()
    {
        var left = Unary();
        while (true)
        {
            if (Take("<=")) left = Compare(left, Unary()) <= 0;
            else if (Take(">=")) left = Compare(left, Unary()) >= 0;
            else if (Take("<")) left = Compare(left, Unary()) < 0;
            else if (Take(">")) left = Compare(left, Unary()) > 0;
            else return left;
        }
    }

    private object? Unary() => Take("!") ? !Truthy(Unary()) : Postfix();

    private object? Postfix()
    {
        var value = Primary();
        while (true)
        {
            if (Take(".")) value = Member(value, Identifier());
            else if (Take("["))
            {
                var index = Or();
                Expect("]");
                value = index is double d && value is List<object?> list ? (d >= 0 && d < list.Count ? list[(int)d] : null) : Member(value, ToText(index));
            }
            else return value;
        }
    }

    private static object? Member(object? value, string name) => value is Obj o && o.TryGetValue(name, out var v) ? v : null;

    private object? Primary()
    {
        SkipSpace();
        if (pos >= text.Length) throw Error("unexpected end");
        char c = text[pos];
        if (Take("(")) { var v = Or(); Expect(")"); return v; }
        if (c == '\'')
        {
            var s = new StringBuilder();
            pos++;
            while (true)
            {
                if (pos >= text.Length) throw Error("unclosed string");
                if (text[pos] == '\'') { if (pos + 1 < text.Length && text[pos + 1] == '\'') { s.Append('\''); pos += 2; continue; } pos++; break; }
                s.Append(text[pos++]);
            }
            return s.ToString();
        }
        if (char.IsDigit(c) || c == '-' || c == '.')
        {
            int start = pos;
            while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '.' or '-' or '+')) pos++;
            return double.Parse(text[start..pos], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        string name = Identifier();
        switch (name.ToLowerInvariant())
        {
            case "true": return true;
            case "false": return false;
            case "null": return null;
        }
        if (Take("("))
        {
            var args = new List<object?>();
            if (!Take(")"))
            {
                do args.Add(Or()); while (Take(","));
                Expect(")");
            }
            return Call(name, args);
        }
        return scope.Contexts.TryGetValue(name, out var context) ? context : throw Error($"unknown context '{name}'");
    }

    private object? Call(string name, List<object?> args)
    {
        string Arg(int i) => ToText(args[i]);
        switch (name.ToLowerInvariant())
        {
            case "success":
            case "always":
            case "failure":
            case "cancelled":
                return scope.Status(name.ToLowerInvariant());
            case "contains":
                return args[0] is List<object?> list ? list.Any(x => LooseEquals(x, args[1])) : Arg(0).Contains(Arg(1), StringComparison.OrdinalIgnoreCase);
            case "startswith": return Arg(0).StartsWith(Arg(1), StringComparison.OrdinalIgnoreCase);
            case "endswith": return Arg(0).EndsWith(Arg(1), StringComparison.OrdinalIgnoreCase);
            case "format":
                {
                    string s = Arg(0);
                    for (int i = 1; i < args.Count; i++) s = s.Replace("{" + (i - 1) + "}", Arg(i));
                    return s.Replace("{{", "{").Replace("}}", "}");
                }
            case "join":
                return args[0] is List<object?> items ? string.Join(args.Count > 1 ? Arg(1) : ",", items.Select(ToText)) : Arg(0);
            case "tojson": return ToJson(args[0]);
            case "fromjson": return FromJson(Arg(0));
            case "hashfiles": return scope.HashFiles(args.Select(ToText).ToList());
            default: throw Error($"unknown function {name}()");
        }
    }

    private string Identifier()
    {
        SkipSpace();
        int start = pos;
        while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '_' or '-')) pos++;
        if (pos == start) throw Error("expected a name");
        return text[start..pos];
    }

    private bool Take(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(text, pos, token, 0, token.Length) != 0) return false;
        // "<" must not eat the start of "<=", nor "!" that of "!=".
        if (token is "<" or ">" or "!" && pos + 1 < text.Length && text[pos + 1] == '=') return false;
        pos += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Take(token)) throw Error($"expected '{token}'");
    }

    private void SkipSpace()
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    private FormatException Error(string why) => new($"expression '{text.Trim()}': {why} at column {pos + 1}");
}
