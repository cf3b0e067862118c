// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using Azure;
using Azure.Core;

namespace ItaServerless.Storage.Internal;

internal static class HttpFormat
{
    /// <summary>The header form of an ETag: quoted unless it is "*" or already quoted/weak.</summary>
    public static string Header(ETag etag)
    {
        string value = etag.ToString();
        return value == "*" || value.StartsWith('"') || value.StartsWith("W/", StringComparison.Ordinal) ? value : "\"" + value + "\"";
    }

    /// <summary>Blob ETags arrive quoted in headers and unquoted in listings: keep one form.</summary>
    public static ETag BlobETag(string? raw) =>
        raw is null ? default : new ETag(raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw);

    public static DateTimeOffset ParseHttpDate(string? value) =>
        value is null ? default : DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static void ApplyConditions(Request request, RequestConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }
        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", Header(ifMatch));
        }
        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", Header(ifNoneMatch));
        }
        if (conditions.IfModifiedSince is { } since)
        {
            request.Headers.SetValue("If-Modified-Since", since.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
        }
        if (conditions.IfUnmodifiedSince is { } unmodified)
        {
            request.Headers.SetValue("If-Unmodified-Since", unmodified.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
