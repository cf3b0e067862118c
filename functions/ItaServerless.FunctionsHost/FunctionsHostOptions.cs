// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;

namespace ItaServerless.FunctionsHost;

/// <summary>
/// Settings of the local host. Where the Functions host has a setting, the same name is read:
/// AzureWebJobsStorage, AzureFunctionsWebHost:hostid; ours: ITA_ADMIN_KEY (the master key), --app, --port,
/// Host:BlobPollInterval and Host:BlobLeaseDuration.
/// </summary>
public sealed partial class FunctionsHostOptions
{
    /// <summary>The published (or built) worker: worker.config.json, host.json and the worker's assembly.</summary>
    public string AppDirectory { get; set; } = Directory.GetCurrentDirectory();

    public int Port { get; set; } = 7071;

    public string StorageConnection { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Names the records in azure-webjobs-hosts and azure-webjobs-secrets; hosts sharing it share timers, receipts and keys.</summary>
    public string HostId { get; set; } = DefaultHostId(Environment.MachineName);

    /// <summary>When null the master key is read from, or created in, azure-webjobs-secrets/{hostId}/host.json.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Pinned like the app's storage client, so Azurite's API version check passes.</summary>
    public Azure.Storage.Blobs.BlobClientOptions.ServiceVersion BlobServiceVersion { get; set; } = Azure.Storage.Blobs.BlobClientOptions.ServiceVersion.V2025_11_05;

    public TimeSpan BlobPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The lease on a blob's receipt while it runs: after a crash, another host takes the blob over once it expires (15–60 s).</summary>
    public TimeSpan BlobLeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>More settings for the worker's environment (what local.settings.json Values are to `func start`).</summary>
    public IDictionary<string, string> WorkerSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Tries per blob version before it is poisoned (the host's maxDequeueCount).</summary>
    public int BlobMaxAttempts { get; set; } = 5;

    /// <summary>How long the host waits for a worker to load its functions before it restarts it.</summary>
    public TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an invocation waits for a (re)starting worker.</summary>
    public TimeSpan WorkerReadyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public static FunctionsHostOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new FunctionsHostOptions();
        if (configuration["app"] is { Length: > 0 } app) options.AppDirectory = Path.GetFullPath(app);
        if (int.TryParse(configuration["port"], out var port)) options.Port = port;
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } storage) options.StorageConnection = storage;
        if (configuration["AzureFunctionsWebHost:hostid"] is { Length: > 0 } hostId) options.HostId = hostId;
        if (configuration["ITA_ADMIN_KEY"] is { Length: > 0 } key) options.MasterKey = key;
        if (TimeSpan.TryParse(configuration["Host:BlobPollInterval"], System.Globalization.CultureInfo.InvariantCulture, out var poll)) options.BlobPollInterval = poll;
        if (TimeSpan.TryParse(configuration["Host:BlobLeaseDuration"], System.Globalization.CultureInfo.InvariantCulture, out var lease) &&
            lease >= TimeSpan.FromSeconds(15) && lease <= TimeSpan.FromSeconds(60)) options.BlobLeaseDuration = lease;
        return options;
    }

    /// <summary>Like the host: lower-case machine name, letters, digits and dashes, at most 32 characters.</summary>
    public static string DefaultHostId(string machineName)
    {
        var id = NotHostIdChar().Replace(machineName.ToLowerInvariant(), "-").Trim('-');
        if (id.Length > 32) id = id[..32].TrimEnd('-');
        return id.Length == 0 ? "local-host" : id;
    }

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotHostIdChar();
}
