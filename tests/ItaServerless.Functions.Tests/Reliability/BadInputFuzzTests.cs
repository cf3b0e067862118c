// SPDX-License-Identifier: MIT
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Testing;
using Xunit.Abstractions;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>
/// Thousands of generated bad requests to every route (seeded, so a failure replays): mutated
/// JSON, wrong types, huge strings, invalid UTF-8, deep nesting, path tricks, bad If-Match and
/// huge headers, mostly with a valid editor token so they reach the handlers. Zero 5xx.
/// </summary>
[Collection(WorkerFixture.Collection)]
public sealed class BadInputFuzzTests(WorkerFixture app, ITestOutputHelper output) : ApiTestBase(app)
{
    /// <summary>Fixed, so CI runs are reproducible; ITA_FUZZ_SEED explores others.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("ITA_FUZZ_SEED"), out var seed) ? seed : 20_569;
    private const int Requests = 3_000;

    // No %00: the in-memory test server refuses it before sending (Kestrel answers 400 itself).
    private static readonly string[] PathTricks =
    [
        "..", "../x", "..%2F..%2Forgs", "%2F", "a%2Fb", "%01", "%0A", "%FF%FE", "ก", "%E0%B8", "x%20y", "~audit%7C1", "a'b", "%27", "*", "%23", "a|b",
        "%5C", "CON", "-", new string('a', 300), new string('9', 40), "2569.5", "-1", "0", "2500", "99999999999", "%25", "ita-0", "ita-99999", "anticorruption-1", "12m", "1m",
    ];

    private static readonly string[] IfMatches =
        ["garbage", "\"x\"", "W/\"x\"", "*", "\"\"", ",", "\"a\", \"b\"", new string('"', 500), "\u0e01"];

    [Fact]
    public async Task Generated_bad_requests_never_get_a_5xx()
    {
        var figures = new Figures("fuzz", output);
        var http = App.CreateClient();
        var surface = await RouteSurface.SeedAsync(Admin, "fz-" + Guid.NewGuid().ToString("N")[..8]);
        var random = new Random(Seed);
        var failures = new List<string>();

        for (var i = 0; i < Requests; i++)
        {
            var route = surface.Routes[random.Next(surface.Routes.Count)];
            var trick = random.Next(4) == 0;
            var path = route.Path((name, after) => trick && random.Next(2) == 0 ? PathTricks[random.Next(PathTricks.Length)] : surface.Value(name, after));
            if (random.Next(8) == 0) path += "?" + Pick(random, ["plan=%FF", "fy=abc", "limit=-1", "limit=99999999999", "round=x", "continuation=%00%20", "token=ita.x.y", "plan=ita&plan=x"]);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
            switch (random.Next(10))
            {
                case 0: break;
                case 1: request.Headers.TryAddWithoutValidation("x-functions-key", FunctionsApp.AdminKey); break;
                case 2: request.Headers.TryAddWithoutValidation("Authorization", Pick(random, ["Bearer ita.%%.x", "Bearer " + new string('a', 10_000), "Basic Zm9vOmJhcg==", "Bearer", "Bearer ita.0123456789abcdef." + new string('-', 50)])); break;
                default: request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", surface.EditorToken); break;
            }
            if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("If-Match", random.Next(3) == 0 ? surface.MeasureETag : Pick(random, IfMatches));
            if (random.Next(6) == 0) request.Headers.TryAddWithoutValidation("If-None-Match", Pick(random, ["*", "garbage", "\"x\""]));
            if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(random, ["k1", new string('k', 500), "ключ", "a b"]));
            if (random.Next(20) == 0) request.Headers.TryAddWithoutValidation("X-Huge", new string('h', 32_000));
            if (route.Method is "POST" or "PUT" || random.Next(10) == 0)
            {
                var (body, kind) = BadBody(random, RouteSurface.SampleBody(route));
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type",
                    random.Next(12) == 0 ? Pick(random, ["text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data", "garbage/"]) : "application/json");
                figures.Add("body-" + kind);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request);
            }
            catch (Exception e)
            {
                failures.Add($"#{i} {route.Method} {path}: {e.GetType().Name} {e.Message}");
                continue;
            }
            figures.Add("requests");
            figures.Add($"status{(int)response.StatusCode / 100}xx");
            if ((int)response.StatusCode >= 500)
                failures.Add($"#{i} {route.Method} {path} → {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}");
            response.Dispose();
        }
        figures.Add("failures", failures.Count);
        figures.Report();
        Assert.True(failures.Count == 0, $"seed {Seed}: " + string.Join('\n', failures.Take(20)));
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>A bad variant of <paramref name="sample"/> and the name of the mutation.</summary>
    private static (byte[] Body, string Kind) BadBody(Random random, string sample)
    {
        switch (random.Next(12))
        {
            case 0: // truncated
                return (Encoding.UTF8.GetBytes(sample[..random.Next(sample.Length)]), "truncated");
            case 1: // invalid UTF-8 inside a string
            {
                var bytes = Encoding.UTF8.GetBytes(sample).ToList();
                var at = Math.Max(1, sample.IndexOf('"', 1) + 1);
                bytes.InsertRange(Math.Min(at, bytes.Count), new byte[] { 0xC3, 0x28, 0xFF, 0xE0, 0xB8 });
                return (bytes.ToArray(), "invalid-utf8");
            }
            case 2: // deep nesting
            {
                var depth = random.Next(65, 5_000);
                return (Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)), "deep");
            }
            case 3: // a huge string (some over the 256 KiB limit)
                return (Encoding.UTF8.GetBytes($"{{\"name\":\"{new string('ก', random.Next(1_000, 120_000))}\",\"title\":\"x\"}}"), "huge");
            case 4:
                return (Array.Empty<byte>(), "empty");
            case 5:
                return (Encoding.UTF8.GetBytes(Pick(random, ["null", "[]", "42", "\"x\"", "true", "{}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "NaN", "1e999"])), "not-an-object");
            default: // mutate one field's type or value
            {
                var node = JsonNode.Parse(sample)!.AsObject();
                var names = node.Select(p => p.Key).ToArray();
                if (names.Length == 0) return (Encoding.UTF8.GetBytes("{\"unknown\":1}"), "unknown-field");
                var name = names[random.Next(names.Length)];
                node[name] = random.Next(10) switch
                {
                    0 => null,
                    1 => JsonValue.Create(random.Next(2) == 0 ? 1e308 : -1),
                    2 => JsonValue.Create("x\u0000y\u001b"),
                    3 => new JsonArray(JsonValue.Create(1), null, new JsonObject()),
                    4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } },
                    5 => JsonValue.Create(new string('x', random.Next(200, 20_000))),
                    6 => JsonValue.Create(true),
                    7 => JsonValue.Create(123456789012345678m),
                    8 => JsonValue.Create("\ud800"),
                    _ => JsonValue.Create("../../etc/passwd"),
                };
                if (random.Next(4) == 0) node["extra" + random.Next(100)] = "unexpected";
                return (Encoding.UTF8.GetBytes(node.ToJsonString()), "mutated-field");
            }
        }
    }
}
