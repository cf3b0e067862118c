// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Api;

/// <summary>An HTTP answer with its JSON body, ETag and problem details, for terse assertions.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonNode? Body, string? ETag, string? ContentType)
{
    /// <summary>The Retry-After header, when the answer has one.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>The Location header, when the answer has one.</summary>
    public string? Location { get; init; }

    public JsonNode Json => Body ?? throw new InvalidOperationException($"No JSON body ({Status}).");

    /// <summary>(field, code) of every error in a problem body.</summary>
    public IReadOnlyList<(string Field, string Code)> Errors =>
        Body?["errors"]?.AsArray().Select(e => (e!["field"]!.GetValue<string>(), e["code"]!.GetValue<string>())).ToArray() ?? [];

    public ApiAnswer Is(HttpStatusCode expected)
    {
        Assert.True(expected == Status, $"Expected {(int)expected}, got {(int)Status}: {Body?.ToJsonString()}");
        return this;
    }

    /// <summary>A 4xx problem+json naming <paramref name="field"/> with <paramref name="code"/>, in Thai and English.</summary>
    public ApiAnswer IsProblem(HttpStatusCode expected, string field, string code)
    {
        Is(expected);
        Assert.True(ContentType == "application/problem+json", $"Expected a problem body, got {(int)Status} {ContentType}: {Body?.ToJsonString()}");
        Assert.Contains((field, code), Errors);
        foreach (var error in Body!["errors"]!.AsArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(error!["th"]?.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(error["en"]?.GetValue<string>()));
        }

        return this;
    }
}

/// <summary>Calls the API as a given caller: the admin key, a bearer token, or nobody.</summary>
public sealed class ApiClient(HttpClient http)
{
    public string? Token { get; set; }

    public string? AdminKey { get; set; }

    /// <summary>Sent as Idempotency-Key on every request of this client.</summary>
    public string? IdempotencyKey { get; set; }

    public ApiClient WithIdempotencyKey(string key) => new(http) { Token = Token, AdminKey = AdminKey, IdempotencyKey = key };

    public ApiClient As(string? token) => new(http) { Token = token };

    public ApiClient AsAdmin() => new(http) { AdminKey = FunctionsApp.AdminKey };

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ApiAnswer> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);

    public Task<ApiAnswer> PutAsync(string path, object? body, string? ifMatch = null) => SendAsync(HttpMethod.Put, path, body, ifMatch);

    public Task<ApiAnswer> DeleteAsync(string path, string? ifMatch = null) => SendAsync(HttpMethod.Delete, path, null, ifMatch);

    /// <summary>Sends raw bytes, for malformed bodies.</summary>
    public Task<ApiAnswer> SendRawAsync(HttpMethod method, string path, byte[] body, string contentType = "application/json", string? ifMatch = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(method, path, content, ifMatch);
    }

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (AdminKey is not null) request.Headers.Add("x-functions-key", AdminKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (IdempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        request.Content = body switch
        {
            null => null,
            HttpContent c => c,
            string s => new StringContent(s, Encoding.UTF8, "application/json"),
            _ => new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
            json = JsonNode.Parse(text);
        return new ApiAnswer(response.StatusCode, json, response.Headers.ETag?.ToString(), response.Content.Headers.ContentType?.MediaType)
        {
            RetryAfter = response.Headers.RetryAfter?.ToString(),
            Location = response.Headers.Location?.ToString(),
        };
    }
}
