// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>A request the web form sent to a canned route.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>A fixed answer: status, JSON body and ETag.</summary>
public sealed record CannedResponse(int Status, string? Json = null, string? ETag = null, string ContentType = "application/json");

/// <summary>
/// Test-only answers for chosen API routes, so the browser tests can check what the form sends
/// and how it shows answers (problems, 412) independently of the real API. Routes not registered
/// here fall through to the app. Lives only in the test host, never in production code.
/// </summary>
public sealed class CannedApi
{
    private readonly ConcurrentDictionary<string, CannedResponse> responses = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Reset()
    {
        responses.Clear();
        Requests.Clear();
    }

    /// <summary>Registers an answer for a method and a path (with its query string when it has one).</summary>
    public CannedApi On(string method, string pathAndQuery, int status, object? body = null, string? etag = null)
    {
        var json = body switch
        {
            null => null,
            string s => s,
            _ => JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        };
        var contentType = status >= 400 ? "application/problem+json" : "application/json";
        responses[Key(method, pathAndQuery)] = new CannedResponse(status, json, etag, contentType);
        return this;
    }

    public IReadOnlyList<RecordedRequest> Sent(string method, string pathAndQuery) =>
        Requests.Where(r => r.Method == method && r.PathAndQuery == pathAndQuery).ToList();

    private static string Key(string method, string pathAndQuery) => $"{method.ToUpperInvariant()} {pathAndQuery}";

    internal async Task<bool> TryAnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var pathAndQuery = Uri.UnescapeDataString(request.Path.Value ?? "") + request.QueryString.Value;
        if (!responses.TryGetValue(Key(request.Method, pathAndQuery), out var canned)) return false;

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        Requests.Enqueue(new RecordedRequest(request.Method, pathAndQuery, headers, body));

        context.Response.StatusCode = canned.Status;
        if (canned.ETag is not null) context.Response.Headers.ETag = canned.ETag;
        if (canned.Json is not null)
        {
            context.Response.ContentType = canned.ContentType;
            await context.Response.WriteAsync(canned.Json, context.RequestAborted);
        }
        return true;
    }
}

/// <summary>Puts the canned routes and, until the app serves it itself, the web form folder in front of the app.</summary>
public sealed class BrowserTestStartupFilter(CannedApi canned, string webRoot) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!await canned.TryAnswerAsync(context)) await nextMiddleware(context);
        });
        WebForm.Serve(app, webRoot);
        next(app);
    };
}
