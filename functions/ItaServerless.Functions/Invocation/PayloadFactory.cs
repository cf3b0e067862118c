// SPDX-License-Identifier: MIT
using System.Text;
using ItaServerless.Functions.Metadata;

namespace ItaServerless.Functions.Invocation;

/// <summary>Builds the invocation payloads the Functions host sends, for the local runtime and the admin route.</summary>
public static class PayloadFactory
{
    public static InvocationRequest Timer(FunctionDefinition function, ScheduleStatus? status, bool isPastDue, DateTimeOffset now)
    {
        var binding = (TimerTriggerBinding)function.Trigger;
        var timer = new TimerInfo(new TimerScheduleInfo(AdjustForDst: false), status, isPastDue);
        return new InvocationRequest
        {
            Data = { [binding.Name] = PayloadJson.ToElement(timer) },
            Metadata = { ["sys"] = Sys(function, now) },
        };
    }

    /// <summary>The blob payload: content in Data (text, or base64 for dataType binary) and BlobTrigger, Uri, Properties, Metadata and the path parameters in Metadata.</summary>
    public static InvocationRequest Blob(
        FunctionDefinition function, string blobName, Uri uri, BinaryData content, BlobTriggerProperties properties,
        IReadOnlyDictionary<string, string> blobMetadata, DateTimeOffset now)
    {
        var binding = (BlobTriggerBinding)function.Trigger;
        var parameters = binding.Path.Match(blobName)
            ?? throw new ArgumentException($"{binding.Path.Container}/{blobName} does not match {binding.Path}.", nameof(blobName));
        var data = binding.DataType == "binary" ? Convert.ToBase64String(content.ToMemory().Span) : Encoding.UTF8.GetString(content.ToMemory().Span);
        var request = new InvocationRequest
        {
            Data = { [binding.Name] = PayloadJson.ToElement(data) },
            Metadata =
            {
                ["BlobTrigger"] = PayloadJson.ToElement($"{binding.Path.Container}/{blobName}"),
                ["Uri"] = PayloadJson.ToElement(uri.AbsoluteUri),
                ["Properties"] = PayloadJson.ToElement(properties),
                ["Metadata"] = PayloadJson.ToElement(blobMetadata),
                ["sys"] = Sys(function, now),
            },
        };
        foreach (var (name, value) in parameters) request.Metadata[name] = PayloadJson.ToElement(value);
        return request;
    }

    private static System.Text.Json.JsonElement Sys(FunctionDefinition function, DateTimeOffset now) =>
        PayloadJson.ToElement(new SystemMetadata(function.Name, now.UtcDateTime, Guid.NewGuid()));
}
