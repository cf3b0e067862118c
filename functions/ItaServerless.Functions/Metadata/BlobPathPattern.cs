// SPDX-License-Identifier: MIT
using System.Text;
using System.Text.RegularExpressions;

namespace ItaServerless.Functions.Metadata;

/// <summary>
/// A blobTrigger path such as <c>reports-requests/{name}</c> or <c>inbox/{org}/{name}.json</c>:
/// a container, then a blob name pattern whose <c>{parameters}</c> become trigger metadata.
/// </summary>
public sealed partial class BlobPathPattern
{
    private readonly Regex _matcher;

    private BlobPathPattern(string text, string container, string namePattern, string literalPrefix, IReadOnlyList<string> parameters, Regex matcher)
    {
        Text = text;
        Container = container;
        NamePattern = namePattern;
        LiteralPrefix = literalPrefix;
        Parameters = parameters;
        _matcher = matcher;
    }

    public string Text { get; }
    public string Container { get; }
    public string NamePattern { get; }
    /// <summary>The part of the name before the first parameter: a listing prefix.</summary>
    public string LiteralPrefix { get; }
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Parses the path; on failure returns null and the reason (code, Thai, English).</summary>
    public static BlobPathPattern? TryParse(string? path, out (string Code, string Th, string En)? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = ("blob_path_missing", "ไม่ได้ระบุ path ของ blob", "The blob path is missing.");
            return null;
        }
        var slash = path.IndexOf('/');
        if (slash <= 0 || slash == path.Length - 1)
        {
            error = ("blob_path_shape", "path ต้องอยู่ในรูป container/{name}", "The path must look like container/{name}.");
            return null;
        }
        var container = path[..slash];
        if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            error = ("blob_container_name", "ชื่อ container ไม่ถูกต้อง (a-z, 0-9, -, ยาว 3–63)", "Invalid container name (a-z, 0-9 and single hyphens, 3–63 characters).");
            return null;
        }
        var namePattern = path[(slash + 1)..];
        var parts = new List<(bool IsParameter, string Text)>();
        var i = 0;
        while (i < namePattern.Length)
        {
            var c = namePattern[i];
            if (c == '{')
            {
                var close = namePattern.IndexOf('}', i);
                var parameter = close < 0 ? "" : namePattern[(i + 1)..close];
                if (!ParameterName().IsMatch(parameter) || parts.Any(x => x.IsParameter && string.Equals(x.Text, parameter, StringComparison.OrdinalIgnoreCase)))
                {
                    error = ("blob_path_parameter", "พารามิเตอร์ใน path ไม่ถูกต้องหรือซ้ำ", "A path parameter is malformed or repeated.");
                    return null;
                }
                if (parts.Count > 0 && parts[^1].IsParameter)
                {
                    error = ("blob_path_parameter", "พารามิเตอร์สองตัวติดกันแยกไม่ได้", "Two adjacent parameters cannot be told apart.");
                    return null;
                }
                parts.Add((true, parameter));
                i = close + 1;
            }
            else if (c == '}')
            {
                error = ("blob_path_parameter", "พารามิเตอร์ใน path ไม่ถูกต้องหรือซ้ำ", "A path parameter is malformed or repeated.");
                return null;
            }
            else
            {
                if (parts.Count > 0 && !parts[^1].IsParameter) parts[^1] = (false, parts[^1].Text + c);
                else parts.Add((false, c.ToString()));
                i++;
            }
        }
        var parameters = parts.Where(x => x.IsParameter).Select(x => x.Text).ToList();
        var lastParameter = parts.FindLastIndex(x => x.IsParameter);
        var regex = new StringBuilder("^");
        for (var k = 0; k < parts.Count; k++)
        {
            // The last parameter may span folders ("{name}" matches "a/b.pdf"); the others stop at '/'.
            if (parts[k].IsParameter) regex.Append("(?<").Append(parts[k].Text).Append('>').Append(k == lastParameter ? ".+" : "[^/]+").Append(')');
            else regex.Append(Regex.Escape(parts[k].Text));
        }
        regex.Append('$');
        var literalPrefix = parts.Count > 0 && !parts[0].IsParameter ? parts[0].Text : "";
        if (parameters.Count == 0) literalPrefix = namePattern;
        return new BlobPathPattern(path, container, namePattern, literalPrefix, parameters,
            new Regex(regex.ToString(), RegexOptions.CultureInvariant));
    }

    /// <summary>The parameter values when <paramref name="blobName"/> matches, else null.</summary>
    public IReadOnlyDictionary<string, string>? Match(string blobName)
    {
        var m = _matcher.Match(blobName);
        if (!m.Success) return null;
        return Parameters.ToDictionary(p => p, p => m.Groups[p].Value, StringComparer.Ordinal);
    }

    public override string ToString() => Text;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParameterName();
}
