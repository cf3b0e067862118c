// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Infra;

/// <summary>
/// Just enough of Bicep's syntax to check infra/ without a Bicep compiler (none installs from the
/// registries here): comments and string contents are masked out so that braces, keys and
/// declarations can be found structurally; values are read back from the original text.
/// </summary>
internal sealed partial class BicepSource
{
    private BicepSource(string path, string text)
    {
        Path = path;
        Text = text;
        Masked = Mask(text, path);
        CheckBalanced();
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The text with comments blanked and string contents replaced by '_' (quotes and interpolations kept).</summary>
    public string Masked { get; }

    public static BicepSource Load(string repoRelativePath)
    {
        var full = System.IO.Path.Combine(RepoPaths.RepoRoot, repoRelativePath);
        return new BicepSource(repoRelativePath, File.ReadAllText(full));
    }

    public static BicepSource Parse(string text, string path = "inline.bicep") => new(path, text);

    /// <summary>Top-level <c>param</c> declarations: name → (has a default, decorated @secure()).</summary>
    public IReadOnlyDictionary<string, (bool HasDefault, bool Secure)> Params()
    {
        var result = new Dictionary<string, (bool, bool)>(StringComparer.Ordinal);
        var lines = Masked.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = ParamLine().Match(lines[i]);
            if (!m.Success) continue;
            var secure = false;
            for (var j = i - 1; j >= 0 && lines[j].TrimStart().StartsWith('@'); j--)
            {
                secure |= lines[j].TrimStart().StartsWith("@secure()", StringComparison.Ordinal);
            }
            result[m.Groups["name"].Value] = (m.Groups["default"].Success, secure);
        }
        return result;
    }

    /// <summary>Top-level <c>output</c> names with their value expressions.</summary>
    public IReadOnlyDictionary<string, string> Outputs() =>
        OutputLine().Matches(Masked).ToDictionary(m => m.Groups["name"].Value, m => Original(m.Groups["value"]).Trim(), StringComparer.Ordinal);

    /// <summary><c>module name 'path' = {</c> declarations: symbolic name → (path, body).</summary>
    public IReadOnlyDictionary<string, (string Path, string Body)> Modules() =>
        ModuleLine().Matches(Masked).ToDictionary(
            m => m.Groups["name"].Value,
            m => (Original(m.Groups["path"]), BodyAfter(m.Index + m.Length - 1)),
            StringComparer.Ordinal);

    /// <summary>
    /// The object (or array) literal that follows the first match of <paramref name="pattern"/>, a multi-line regex over the
    /// masked text (string contents read as '_'), so match symbolic names: <c>^var appSettings = </c>.
    /// </summary>
    public BicepSource ObjectAfter(string pattern)
    {
        var m = Regex.Match(Masked, pattern, RegexOptions.Multiline);
        if (!m.Success) throw new InvalidOperationException($"{Path}: no match for /{pattern}/");
        var open = Masked.IndexOfAny(['{', '['], m.Index + m.Length - 1);
        if (open < 0) throw new InvalidOperationException($"{Path}: no object or array after /{pattern}/");
        return Parse(BodyAfter(open), Path);
    }

    /// <summary>The keys at the top level of this text (an object body) with the rest of their line as the value.</summary>
    public IReadOnlyDictionary<string, string> Entries()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = 0;
        var lineDepth = 0;
        var lineStart = 0;
        for (var i = 0; i <= Masked.Length; i++)
        {
            if (i == Masked.Length || Masked[i] == '\n')
            {
                var m = lineDepth == 0 ? EntryLine().Match(Masked[lineStart..i]) : Match.Empty;
                if (m.Success)
                {
                    var key = m.Groups["key"].Success ? m.Groups["key"].Value : Text.Substring(lineStart + m.Groups["quoted"].Index, m.Groups["quoted"].Length);
                    result[key] = Text.Substring(lineStart + m.Groups["value"].Index, m.Groups["value"].Length).Trim();
                }
                lineStart = i + 1;
                lineDepth = depth;
                continue;
            }
            if (Masked[i] is '{' or '[' or '(') depth++;
            else if (Masked[i] is '}' or ']' or ')') depth--;
        }
        return result;
    }

    /// <summary>A single-quoted literal's content, or null when the value is an expression.</summary>
    public static string? Literal(string value)
    {
        var m = LiteralValue().Match(value);
        return m.Success ? m.Groups[1].Value.Replace("\\'", "'", StringComparison.Ordinal) : null;
    }

    private string Original(Group g) => Text.Substring(g.Index, g.Length);

    /// <summary>The text strictly inside the bracket opened at <paramref name="open"/>.</summary>
    private string BodyAfter(int open)
    {
        var depth = 0;
        for (var i = open; i < Masked.Length; i++)
        {
            if (Masked[i] is '{' or '[' or '(') depth++;
            else if (Masked[i] is '}' or ']' or ')' && --depth == 0) return Text[(open + 1)..i];
        }
        throw new InvalidOperationException($"{Path}: bracket at {open} is never closed");
    }

    private void CheckBalanced()
    {
        var stack = new Stack<(char Open, int Line)>();
        var line = 1;
        foreach (var c in Masked)
        {
            if (c == '\n') line++;
            else if (c is '{' or '[' or '(') stack.Push((c, line));
            else if (c is '}' or ']' or ')')
            {
                var expected = c switch { '}' => '{', ']' => '[', _ => '(' };
                if (stack.Count == 0 || stack.Peek().Open != expected)
                    throw new FormatException($"{Path}:{line}: '{c}' does not close {(stack.Count == 0 ? "anything" : $"'{stack.Peek().Open}' of line {stack.Peek().Line}")}");
                stack.Pop();
            }
        }
        if (stack.Count > 0) throw new FormatException($"{Path}:{stack.Peek().Line}: '{stack.Peek().Open}' is never closed");
    }

    private static string Mask(string text, string path)
    {
        var masked = new char[text.Length];
        // Each entry is an interpolation's brace depth; the top one is the innermost.
        var interpolations = new Stack<int>();
        var inString = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (inString || interpolations.Count > 0) throw new FormatException($"{path}:{line}: string not closed on its line");
                line++;
                masked[i] = c;
                continue;
            }
            if (inString)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] != '\n')
                {
                    masked[i] = masked[i + 1] = '_';
                    i++;
                }
                else if (c == '\'')
                {
                    masked[i] = c;
                    inString = false;
                }
                else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    masked[i] = '$';
                    masked[i + 1] = '(';  // an interpolation reads as a parenthesised expression
                    interpolations.Push(0);
                    inString = false;
                    i++;
                }
                else masked[i] = '_';
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') masked[i++] = ' ';
                i--;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new FormatException($"{path}:{line}: comment not closed");
                line += text.AsSpan(i, end + 2 - i).Count('\n');
                for (; i < end + 2; i++) masked[i] = text[i] == '\n' ? '\n' : ' ';
                i--;
                continue;
            }
            if (c == '\'')
            {
                if (i + 2 < text.Length && text[i + 1] == '\'' && text[i + 2] == '\'')
                    throw new FormatException($"{path}:{line}: multi-line strings are not read by this checker");
                masked[i] = c;
                inString = true;
                continue;
            }
            if (interpolations.Count > 0)
            {
                if (c == '{') interpolations.Push(interpolations.Pop() + 1);
                else if (c == '}')
                {
                    var depth = interpolations.Pop();
                    if (depth == 0)
                    {
                        masked[i] = ')';
                        inString = true;
                        continue;
                    }
                    interpolations.Push(depth - 1);
                }
            }
            masked[i] = c;
        }
        if (inString) throw new FormatException($"{path}: string not closed at the end");
        return new string(masked);
    }

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+\w+(?<default>\s*=.*)?\s*$")]
    private static partial Regex ParamLine();

    [GeneratedRegex(@"^output\s+(?<name>\w+)\s+\w+\s*=(?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex OutputLine();

    [GeneratedRegex(@"^module\s+(?<name>\w+)\s+'(?<path>[^']*)'\s*=\s*(?:if\s*\([^\n]*\)\s*)?\{", RegexOptions.Multiline)]
    private static partial Regex ModuleLine();

    [GeneratedRegex(@"^\s*(?:(?<key>\w+)|'(?<quoted>[^']*)')\s*:(?<value>.*)$")]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"^'((?:[^'\\]|\\.)*)'$")]
    private static partial Regex LiteralValue();
}
