// SPDX-License-Identifier: MIT
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using NCrontab;

namespace ItaServerless.FunctionsHost.Functions;

public enum AuthLevel { Anonymous, Function, Admin }

/// <summary>The trigger of a function, read from the raw bindings the worker reports.</summary>
public abstract record Trigger(string Parameter);

public sealed record HttpTrigger(string Parameter, string Route, IReadOnlyList<string> Methods, AuthLevel Level) : Trigger(Parameter);

public sealed record TimerTrigger(string Parameter, CrontabSchedule Schedule, bool RunOnStartup, bool UseMonitor) : Trigger(Parameter)
{
    public DateTimeOffset NextAfter(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(Schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));
}

public sealed record BlobTrigger(string Parameter, BlobPath Path, string Connection, bool DeferredBinding) : Trigger(Parameter);

/// <summary>A function the worker indexed and loaded. Trigger is null for kinds this host does not run.</summary>
public sealed record HostFunction(string Name, Trigger? Trigger)
{
    private static readonly CrontabSchedule.ParseOptions Cron = new() { IncludingSeconds = true };

    /// <summary>Reads the trigger; throws FormatException on a binding this host cannot serve.</summary>
    public static HostFunction From(RpcFunctionMetadata metadata, string routePrefix)
    {
        foreach (var raw in metadata.RawBindings)
        {
            var binding = JsonNode.Parse(raw)?.AsObject() ?? throw new FormatException("A binding is not a JSON object.");
            var type = Text(binding, "type") ?? "";
            var parameter = Text(binding, "name") ?? "";
            switch (type.ToLowerInvariant())
            {
                case "httptrigger":
                    var route = Text(binding, "route") ?? metadata.Name;
                    var methods = binding["methods"] is JsonArray list ? list.Select(m => m!.GetValue<string>().ToUpperInvariant()).ToList() : [];
                    var level = Enum.TryParse<AuthLevel>(Text(binding, "authLevel"), ignoreCase: true, out var l) ? l : AuthLevel.Function;
                    var template = string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));
                    return new HostFunction(metadata.Name, new HttpTrigger(parameter, template, methods, level));
                case "timertrigger":
                    var expression = Text(binding, "schedule");
                    var schedule = CrontabSchedule.TryParse(expression, Cron) ?? throw new FormatException($"Not a six-field NCRONTAB schedule: '{expression}'.");
                    return new HostFunction(metadata.Name, new TimerTrigger(parameter, schedule, Flag(binding, "runOnStartup", false), Flag(binding, "useMonitor", true)));
                case "blobtrigger":
                    var path = BlobPath.Parse(Text(binding, "path") ?? "");
                    var deferred = binding["properties"]?["supportsDeferredBinding"] is { } d && string.Equals(d.ToString(), "true", StringComparison.OrdinalIgnoreCase);
                    return new HostFunction(metadata.Name, new BlobTrigger(parameter, path, Text(binding, "connection") ?? "AzureWebJobsStorage", deferred));
            }
        }
        return new HostFunction(metadata.Name, null);
    }

    private static string? Text(JsonObject binding, string name) =>
        binding.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();

    private static bool Flag(JsonObject binding, string name, bool fallback) => bool.TryParse(Text(binding, name), out var b) ? b : fallback;
}

/// <summary>A blobTrigger path "container/pattern": {parameters} in the pattern become trigger metadata.</summary>
public sealed class BlobPath
{
    private readonly Regex _matcher;

    private BlobPath(string container, string prefix, IReadOnlyList<string> parameters, Regex matcher)
    {
        Container = container;
        Prefix = prefix;
        Parameters = parameters;
        _matcher = matcher;
    }

    public string Container { get; }

    /// <summary>The literal start of the name: the listing prefix.</summary>
    public string Prefix { get; }

    public IReadOnlyList<string> Parameters { get; }

    public static BlobPath Parse(string path)
    {
        var slash = path.IndexOf('/');
        if (slash <= 0 || slash == path.Length - 1) throw new FormatException($"A blob path is container/pattern, not '{path}'.");
        var pattern = path[(slash + 1)..];
        var pieces = Regex.Split(pattern, @"(\{[A-Za-z_][A-Za-z0-9_]*\})");
        var parameters = pieces.Where(IsParameter).Select(p => p[1..^1]).ToList();
        var regex = new StringBuilder("^");
        var seen = 0;
        foreach (var piece in pieces)
        {
            // The last parameter may span folders ("{name}" matches "a/b.txt"); the others stop at '/'.
            if (IsParameter(piece)) regex.Append("(?<").Append(piece[1..^1]).Append('>').Append(++seen == parameters.Count ? ".+" : "[^/]+").Append(')');
            else regex.Append(Regex.Escape(piece));
        }
        return new BlobPath(path[..slash], pieces[0], parameters, new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant));
    }

    /// <summary>The parameter values when the blob name matches, else null.</summary>
    public IReadOnlyDictionary<string, string>? Match(string blobName)
    {
        var m = _matcher.Match(blobName);
        return m.Success ? Parameters.ToDictionary(p => p, p => m.Groups[p].Value) : null;
    }

    private static bool IsParameter(string piece) => piece.StartsWith('{') && piece.EndsWith('}');
}
