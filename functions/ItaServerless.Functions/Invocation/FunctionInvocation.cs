// SPDX-License-Identifier: MIT
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaServerless.Functions.Metadata;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Functions.Invocation;

/// <summary>One call of a non-HTTP function: its definition, the host's payload, and what it answers.</summary>
public sealed class FunctionInvocation(FunctionDefinition function, InvocationRequest request, ILogger logger)
{
    public FunctionDefinition Function { get; } = function;
    public InvocationRequest Request { get; } = request;
    public InvocationResponse Response { get; } = new();

    /// <summary>Logs to the app's log and to the invocation's <c>Logs</c> (the host shows them in its invocation log).</summary>
    public void Log(string message)
    {
        logger.LogInformation("{Function}: {Message}", Function.Name, message);
        Response.Logs.Add(message);
    }

    public void SetReturnValue(JsonNode? value) => Response.ReturnValue = value;

    /// <summary>The timer value of a timerTrigger function.</summary>
    public TimerInfo Timer()
    {
        var binding = Function.Trigger as TimerTriggerBinding
            ?? throw new InvalidOperationException($"{Function.Name} is not a timer function.");
        return Request.Data.TryGetValue(binding.Name, out var value) && PayloadJson.Read<TimerInfo>(value) is { } timer
            ? timer
            : throw new InvalidOperationException($"The payload of {Function.Name} has no timer value \"{binding.Name}\".");
    }

    /// <summary>The blob of a blobTrigger function: its path, content and the parameters of the path pattern.</summary>
    public BlobTriggerInput Blob()
    {
        var binding = Function.Trigger as BlobTriggerBinding
            ?? throw new InvalidOperationException($"{Function.Name} is not a blob function.");
        var path = Request.Metadata.TryGetValue("BlobTrigger", out var p) ? PayloadJson.Read<string>(p) : null;
        if (path is null || !Request.Data.TryGetValue(binding.Name, out var data))
            throw new InvalidOperationException($"The payload of {Function.Name} has no blob \"{binding.Name}\" or no BlobTrigger metadata.");
        var text = data.ValueKind == JsonValueKind.String ? data.GetString() ?? "" : data.GetRawText();
        var content = binding.DataType == "binary" ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
        var parameters = binding.Path.Parameters.ToDictionary(
            name => name,
            name => Request.Metadata.TryGetValue(name, out var v) ? PayloadJson.Read<string>(v) ?? "" : "",
            StringComparer.Ordinal);
        var properties = Request.Metadata.TryGetValue("Properties", out var props) ? PayloadJson.Read<BlobTriggerProperties>(props) : null;
        return new BlobTriggerInput(path, content, parameters, properties);
    }
}

/// <summary>The triggering blob: "container/name", its bytes, the path parameters (e.g. name) and its properties.</summary>
public sealed record BlobTriggerInput(string Path, byte[] Content, IReadOnlyDictionary<string, string> Parameters, BlobTriggerProperties? Properties)
{
    public string Container => Path[..Path.IndexOf('/')];
    public string BlobName => Path[(Path.IndexOf('/') + 1)..];
    public string Text => Encoding.UTF8.GetString(Content);
}
