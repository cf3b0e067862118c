// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ItaServerless.Storage.Internal;

/// <summary>Sets x-ms-date on every try (a retried request must carry a fresh date).</summary>
internal sealed class StorageDatePolicy : HttpPipelineSynchronousPolicy
{
    public static readonly StorageDatePolicy Instance = new();

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Sets x-ms-version once per call.</summary>
internal sealed class StorageVersionPolicy(string version) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue("x-ms-version", version);
}

/// <summary>SharedKey authorization for the Blob service (version 2009-09-19 and later string-to-sign).</summary>
internal sealed class BlobSharedKeyPolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        string contentLength = "";
        if (request.Content != null && request.Content.TryComputeLength(out long length) && length > 0)
        {
            contentLength = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n');
        foreach (var header in new[] { "Content-Encoding", "Content-Language" })
        {
            sb.Append(Header(request, header)).Append('\n');
        }
        sb.Append(contentLength).Append('\n');
        foreach (var header in new[] { "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range" })
        {
            sb.Append(Header(request, header)).Append('\n');
        }

        var msHeaders = new List<(string Name, string Value)>();
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                msHeaders.Add((header.Name.ToLowerInvariant(), header.Value.Trim()));
            }
        }
        msHeaders.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, value) in msHeaders)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        sb.Append('/').Append(credential.AccountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        var query = QueryParameters(uri);
        foreach (var name in query.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            var values = query[name];
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(",", values));
        }

        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.ComputeHmacSha256(sb.ToString())}");
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : "";

    private static Dictionary<string, List<string>> QueryParameters(Uri uri)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return result;
        }
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            string value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!result.TryGetValue(name, out var list))
            {
                result[name] = list = [];
            }
            list.Add(value);
        }
        return result;
    }
}

/// <summary>
/// SharedKey authorization for the Table service. Its canonicalization differs from Blob's:
/// VERB, Content-MD5, Content-Type, Date (the x-ms-date value) and the resource with only ?comp.
/// </summary>
internal sealed class TableSharedKeyPolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("Content-MD5", out var md5);
        request.Headers.TryGetValue("Content-Type", out var contentType);
        request.Headers.TryGetValue("x-ms-date", out var date);
        var uri = request.Uri.ToUri();
        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n')
          .Append(md5).Append('\n')
          .Append(contentType).Append('\n')
          .Append(date).Append('\n')
          .Append('/').Append(credential.AccountName).Append(uri.AbsolutePath);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                sb.Append("?comp=").Append(Uri.UnescapeDataString(pair[5..]));
            }
        }
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.ComputeHmacSha256(sb.ToString())}");
    }
}
