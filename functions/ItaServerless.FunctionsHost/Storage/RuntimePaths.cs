// SPDX-License-Identifier: MIT
namespace ItaServerless.FunctionsHost.Storage;

/// <summary>Where the host keeps its records, after the Functions host's layout.</summary>
public static class RuntimePaths
{
    /// <summary>Timer status, receipts, locks and poison records.</summary>
    public const string HostsContainer = "azure-webjobs-hosts";

    /// <summary>Master and function keys (the host's blob secret repository).</summary>
    public const string SecretsContainer = "azure-webjobs-secrets";

    public static string TimerStatus(string hostId, string function) => $"timers/{hostId}/{function}/status";

    /// <summary>Held while one host runs one slot of a timer.</summary>
    public static string TimerLock(string hostId, string function) => $"locks/{hostId}/{function}/timer";

    public static string BlobReceipt(string hostId, string function, string etag, string container, string blobName) =>
        $"blobreceipts/{hostId}/{function}/{Unquote(etag)}/{container}/{blobName}";

    /// <summary>The host moves such blobs to the webjobs-blobtrigger-poison queue; without a queue we keep a blob here.</summary>
    public static string Poison(string hostId, string function, string etag, string container, string blobName) =>
        $"poison/{hostId}/{function}/{Unquote(etag)}/{container}/{blobName}";

    public static string HostSecrets(string hostId) => $"{hostId}/host.json";

    public static string FunctionSecrets(string hostId, string function) => $"{hostId}/{function.ToLowerInvariant()}.json";

    public static string Unquote(string etag) => etag.Trim('"');
}
