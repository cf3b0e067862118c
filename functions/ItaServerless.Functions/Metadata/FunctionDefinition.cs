// SPDX-License-Identifier: MIT
namespace ItaServerless.Functions.Metadata;

/// <summary>What starts a function: exactly one trigger per function.json.</summary>
public abstract record TriggerBinding(string Name);

/// <summary><c>httpTrigger</c>: the host forwards the raw request (enableForwardingHttpRequest), so the route is served by ASP.NET at /api/{Route}.</summary>
public sealed record HttpTriggerBinding(string Name, IReadOnlyList<string> Methods, string Route, string AuthLevel) : TriggerBinding(Name);

/// <summary><c>timerTrigger</c> with a six-field NCRONTAB schedule in UTC.</summary>
public sealed record TimerTriggerBinding(string Name, TimerSchedule Schedule, bool RunOnStartup, bool UseMonitor) : TriggerBinding(Name);

/// <summary><c>blobTrigger</c> on the storage account of the <c>AzureWebJobsStorage</c> setting.</summary>
public sealed record BlobTriggerBinding(string Name, BlobPathPattern Path, string Connection, string DataType) : TriggerBinding(Name);

/// <summary>One function: its folder name and its bindings.</summary>
public sealed record FunctionDefinition(string Name, TriggerBinding Trigger, IReadOnlyList<string> OutputBindings, bool Disabled, string Directory)
{
    public bool IsHttp => Trigger is HttpTriggerBinding;
}
