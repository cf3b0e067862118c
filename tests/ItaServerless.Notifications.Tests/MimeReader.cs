// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Text;
using System.Text.RegularExpressions;

namespace ItaServerless.Notifications.Tests;

/// <summary>A MIME entity read back for assertions: unfolded headers and either a decoded body or parts.</summary>
public sealed class MimeEntity
{
    private MimeEntity(IReadOnlyList<KeyValuePair<string, string>> headers, string body, IReadOnlyList<MimeEntity> parts)
    {
        Headers = headers;
        Body = body;
        Parts = parts;
    }

    /// <summary>Raw (still RFC 2047 encoded) header values, unfolded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The decoded text of a leaf part (transfer encoding and charset applied).</summary>
    public string Body { get; }

    public IReadOnlyList<MimeEntity> Parts { get; }

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>A header with its encoded words decoded.</summary>
    public string? DecodedHeader(string name) => Header(name) is { } v ? DecodeWords(v) : null;

    public static MimeEntity Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? raw : raw[..split];
        var body = split < 0 ? "" : raw[(split + 4)..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + line);
            }
            else if (line.IndexOf(':') is var colon and > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        var type = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "text/plain";
        var boundary = Regex.Match(type, "boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase);
        if (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) && boundary.Success)
        {
            var delimiter = "--" + boundary.Groups[1].Value;
            var chunks = body.Split(delimiter);
            var parts = chunks.Skip(1).TakeWhile(c => !c.StartsWith("--", StringComparison.Ordinal))
                .Select(c => Parse(c.TrimStart('\r', '\n').TrimEnd('\r', '\n') + "\r\n")).ToArray();
            return new MimeEntity(headers, "", parts);
        }

        var encoding = headers.FirstOrDefault(h => h.Key.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value;
        var text = encoding?.Equals("base64", StringComparison.OrdinalIgnoreCase) == true
            ? Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))))
            : body;
        return new MimeEntity(headers, text, []);
    }

    /// <summary>RFC 2047: =?charset?B|Q?text?=, whitespace between adjacent encoded words dropped.</summary>
    public static string DecodeWords(string value)
    {
        var word = new Regex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=");
        var joined = Regex.Replace(value, @"(\?=)\s+(=\?)", "$1$2");
        return word.Replace(joined, m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var bytes = m.Groups[2].Value is "B" or "b"
                ? Convert.FromBase64String(m.Groups[3].Value)
                : QuotedPrintableWord(m.Groups[3].Value);
            return charset.GetString(bytes);
        });
    }

    private static byte[] QuotedPrintableWord(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_') bytes.Add((byte)' ');
            else if (text[i] == '=' && i + 2 < text.Length) { bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.Add((byte)text[i]);
        }

        return bytes.ToArray();
    }
}
