// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;

namespace ItaServerless.Functions.Hosting;

/// <summary>
/// Settings of the Functions app. Names follow the Functions host where it has one:
/// <c>AzureWebJobsScriptRoot</c>, <c>AzureFunctionsWebHost:hostid</c> (env <c>AzureFunctionsWebHost__hostid</c>),
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>; ours: <c>ITA_ADMIN_KEY</c>, <c>LocalRuntime:*</c>.
/// </summary>
public sealed partial class FunctionsAppOptions
{
    /// <summary>The folder with host.json and one folder per function; the app's own folder by default (the build and publish copy them there).</summary>
    public string ScriptRoot { get; set; } = AppContext.BaseDirectory;

    /// <summary>Set by the Functions host: then the app is a custom handler and the local runtime stays off.</summary>
    public int? CustomHandlerPort { get; set; }

    public bool UnderFunctionsHost => CustomHandlerPort is not null;

    /// <summary>Names the runtime's records in azure-webjobs-hosts; instances sharing a host id share timers and receipts.</summary>
    public string HostId { get; set; } = DefaultHostId(Environment.MachineName);

    /// <summary>The key of the admin route (header x-functions-key); generated at start-up when not set.</summary>
    public string? AdminKey { get; set; }

    /// <summary>How often the local runtime lists the containers of blob-triggered functions.</summary>
    public TimeSpan BlobPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The lease on a blob's receipt while it runs (the host's 60 s by default; storage allows 15–60 s):
    /// after a crash, another instance takes the blob over once it expires.
    /// </summary>
    public TimeSpan BlobLeaseDuration
    {
        get => _blobLeaseDuration;
        set => _blobLeaseDuration = value >= TimeSpan.FromSeconds(15) && value <= TimeSpan.FromSeconds(60)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A blob lease lasts 15 to 60 seconds.");
    }

    private TimeSpan _blobLeaseDuration = TimeSpan.FromSeconds(60);

    /// <summary>Tries per blob before it is poisoned (the host's default maxDequeueCount).</summary>
    public int BlobMaxAttempts { get; set; } = 5;

    /// <summary>Whether the local runtime fires timers and watches blobs (tests turn it off to drive it step by step).</summary>
    public bool RunBackgroundListeners { get; set; } = true;

    /// <summary>Like the host: lower-case machine name, letters, digits and dashes, at most 32 characters.</summary>
    public static string DefaultHostId(string machineName)
    {
        var id = NotHostIdChar().Replace(machineName.ToLowerInvariant(), "-").Trim('-');
        if (id.Length > 32) id = id[..32].TrimEnd('-');
        return id.Length == 0 ? "ita-serverless" : id;
    }

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotHostIdChar();
}
