// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace ItaServerless.Storage.Internal;

/// <summary>
/// Reads the service error code from x-ms-error-code, the Blob XML body (&lt;Error&gt;&lt;Code&gt;)
/// or the Table OData JSON body (odata.error.code) so that RequestFailedException.ErrorCode is set.
/// </summary>
internal sealed class StorageErrorParser : RequestFailedDetailsParser
{
    public static readonly StorageErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        try
        {
            var body = response.Content?.ToString();
            if (!string.IsNullOrWhiteSpace(body))
            {
                var trimmed = body.TrimStart();
                if (trimmed.StartsWith('<'))
                {
                    var root = XDocument.Parse(trimmed).Root;
                    code ??= root?.Element("Code")?.Value;
                    message = root?.Element("Message")?.Value;
                }
                else if (trimmed.StartsWith('{'))
                {
                    (var jsonCode, message) = ParseODataError(trimmed);
                    code ??= jsonCode;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException)
        {
            // An unparsable body still leaves the status and header code.
        }
        error = new ResponseError(code, message ?? response.ReasonPhrase);
        return true;
    }

    internal static (string? Code, string? Message) ParseODataError(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("odata.error", out var err) || doc.RootElement.TryGetProperty("error", out err))
        {
            string? code = err.TryGetProperty("code", out var c) ? c.GetString() : null;
            string? message = null;
            if (err.TryGetProperty("message", out var m))
            {
                message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            }
            return (code, message);
        }
        return (null, null);
    }
}
