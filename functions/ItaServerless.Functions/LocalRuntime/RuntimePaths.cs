// SPDX-License-Identifier: MIT
namespace ItaServerless.Functions.LocalRuntime;

/// <summary>Where the local runtime keeps its records in the azure-webjobs-hosts container, after the Functions host's layout.</summary>
public static class RuntimePaths
{
    public static string TimerStatus(string hostId, string function) => $"timers/{hostId}/{function}/status";

    /// <summary>Held while one instance runs one slot of a timer.</summary>
    public static string TimerLock(string hostId, string function) => $"locks/{hostId}/{function}/timer";

    public static string BlobReceipt(string hostId, string function, string etag, string container, string blobName) =>
        $"blobreceipts/{hostId}/{function}/{Unquote(etag)}/{container}/{blobName}";

    /// <summary>The host moves such blobs to the webjobs-blobtrigger-poison queue; without a queue client we keep a blob here.</summary>
    public static string Poison(string hostId, string function, string etag, string container, string blobName) =>
        $"poison/{hostId}/{function}/{Unquote(etag)}/{container}/{blobName}";

    public static string Unquote(string etag) => etag.Trim('"');
}
