// SPDX-License-Identifier: MIT
using System.Text;
using System.Text.Json;

namespace ItaServerless.Functions.Tests.Infra;

/// <summary>
/// An ARM template expression ("[f(a, 'b').c[0]]"), parsed so tests compare structure, not Bicep text.
/// ToString gives the expression back in the compiler's own spelling.
/// </summary>
public abstract record ArmExpression
{
    public sealed record Text(string Value) : ArmExpression
    {
        public override string ToString() => $"'{Value.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    public sealed record Number(long Value) : ArmExpression
    {
        public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record Call(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression
    {
        public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
    }

    public sealed record Member(ArmExpression Target, string Name) : ArmExpression
    {
        public override string ToString() => $"{Target}.{Name}";
    }

    public sealed record Element(ArmExpression Target, ArmExpression Key) : ArmExpression
    {
        public override string ToString() => $"{Target}[{Key}]";
    }

    /// <summary>A template string value: an expression when bracketed, else (or when "[[" escaped) a literal.</summary>
    public static ArmExpression Of(JsonElement value)
    {
        var text = value.GetString() ?? throw new FormatException($"expected a string, found {value.ValueKind}");
        if (text.StartsWith('[') && text.EndsWith(']') && !text.StartsWith("[[", StringComparison.Ordinal))
            return Parse(text[1..^1]);
        return new Text(text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text);
    }

    public static ArmExpression Parse(string source)
    {
        var reader = new Reader(source);
        var expression = reader.Expression();
        reader.SkipSpace();
        if (!reader.AtEnd) throw reader.Error("end of expression");
        return expression;
    }

    /// <summary>The argument pairs of createObject('k1', v1, 'k2', v2, …) as a dictionary.</summary>
    public IReadOnlyDictionary<string, ArmExpression> ObjectEntries()
    {
        if (this is not Call { Name: "createObject" } call || call.Arguments.Count % 2 != 0)
            throw new FormatException($"not a createObject(...) call: {this}");
        return call.Arguments.Chunk(2).ToDictionary(pair => ((Text)pair[0]).Value, pair => pair[1], StringComparer.Ordinal);
    }

    /// <summary>
    /// The string this expression evaluates to, for the functions that only build text (format, concat,
    /// toLower); anything else (parameters(), reference(), listKeys()…) is asked of <paramref name="resolve"/>,
    /// and an expression it does not know (null) is an error, so a check never passes on a guess.
    /// </summary>
    public string Render(Func<ArmExpression, string?> resolve)
    {
        switch (this)
        {
            case Text text:
                return text.Value;
            case Number number:
                return number.ToString();
            case Call { Name: "format" } call when call.Arguments.Count >= 1:
                var arguments = call.Arguments.Skip(1).Select(a => (object)a.Render(resolve)).ToArray();
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, call.Arguments[0].Render(resolve), arguments);
            case Call { Name: "concat" } call:
                return string.Concat(call.Arguments.Select(a => a.Render(resolve)));
            case Call { Name: "toLower" } call when call.Arguments.Count == 1:
                return call.Arguments[0].Render(resolve).ToLowerInvariant();
            default:
                return resolve(this) ?? throw new FormatException($"cannot render {this}");
        }
    }

    private sealed class Reader(string source)
    {
        private int _at;

        public bool AtEnd => _at >= source.Length;

        public FormatException Error(string expected) =>
            new($"ARM expression: expected {expected} at {_at} in \"{source}\"");

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(source[_at])) _at++;
        }

        public ArmExpression Expression()
        {
            var expression = Primary();
            while (true)
            {
                SkipSpace();
                if (Take('.')) expression = new Member(expression, Identifier());
                else if (Take('['))
                {
                    var key = Expression();
                    SkipSpace();
                    if (!Take(']')) throw Error("']'");
                    expression = new Element(expression, key);
                }
                else return expression;
            }
        }

        private ArmExpression Primary()
        {
            SkipSpace();
            if (AtEnd) throw Error("a value");
            if (Take('\''))
            {
                var text = new StringBuilder();
                while (true)
                {
                    if (AtEnd) throw Error("a closing quote");
                    var c = source[_at++];
                    if (c != '\'') text.Append(c);
                    else if (Take('\'')) text.Append('\'');
                    else return new Text(text.ToString());
                }
            }
            if (char.IsAsciiDigit(source[_at]) || source[_at] == '-')
            {
                var start = _at++;
                while (!AtEnd && char.IsAsciiDigit(source[_at])) _at++;
                return new Number(long.Parse(source.AsSpan(start, _at - start), System.Globalization.CultureInfo.InvariantCulture));
            }
            var name = Identifier();
            SkipSpace();
            if (!Take('(')) throw Error("'(' after a function name");
            var arguments = new List<ArmExpression>();
            SkipSpace();
            if (!Take(')'))
            {
                do arguments.Add(Expression());
                while (SkipSpaceThen(','));
                if (!Take(')')) throw Error("',' or ')'");
            }
            return new Call(name, arguments);
        }

        private bool SkipSpaceThen(char c)
        {
            SkipSpace();
            return Take(c);
        }

        private string Identifier()
        {
            var start = _at;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(source[_at]) || source[_at] is '_' or '$' or '#')) _at++;
            if (_at == start) throw Error("a name");
            return source[start.._at];
        }

        private bool Take(char c)
        {
            if (AtEnd || source[_at] != c) return false;
            _at++;
            return true;
        }
    }
}
