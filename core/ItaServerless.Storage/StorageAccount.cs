// SPDX-License-Identifier: MIT
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace ItaServerless.Storage;

/// <summary>The blob and table clients of one account, built the way the Functions host reads its storage setting.</summary>
public sealed class StorageAccount
{
    public const string DefaultConnectionName = "AzureWebJobsStorage";

    public StorageAccount(BlobServiceClient blobs, TableServiceClient tables)
    {
        Blobs = blobs;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public static StorageAccount FromConnectionString(string connectionString, Action<ClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageAccount(
            new BlobServiceClient(connectionString, StorageOptions.ForBlobs(configure)),
            new TableServiceClient(connectionString, StorageOptions.ForTables(configure)));
    }

    /// <summary>
    /// Reads settings like the Functions host: <c>AzureWebJobsStorage</c> = a connection string; otherwise
    /// identity-based <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__tableServiceUri</c> or
    /// <c>__accountName</c>, with <paramref name="credential"/> (default: <c>__credential=managedidentity</c>
    /// + optional <c>__clientId</c> → ManagedIdentityCredential, else DefaultAzureCredential).
    /// Both "__" and ":" separators are accepted (IConfiguration turns env "__" into ":"):
    /// pass <c>key =&gt; configuration[key]</c>.
    /// </summary>
    public static StorageAccount FromSettings(
        Func<string, string?> getSetting,
        string connectionName = DefaultConnectionName,
        TokenCredential? credential = null,
        Action<ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(getSetting);
        string? connectionString = getSetting(connectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, configure);
        }

        string? Sub(string name) => getSetting(connectionName + "__" + name) is { Length: > 0 } v ? v : getSetting(connectionName + ":" + name) is { Length: > 0 } w ? w : null;
        string? account = Sub("accountName");
        string? blobUri = Sub("blobServiceUri") ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        string? tableUri = Sub("tableServiceUri") ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        if (blobUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {connectionName} to a connection string (UseDevelopmentStorage=true locally), " +
                $"or {connectionName}__accountName (or both {connectionName}__blobServiceUri and __tableServiceUri) for managed identity.");
        }
        credential ??= string.Equals(Sub("credential"), "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(Sub("clientId") is { } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new StorageAccount(
            new BlobServiceClient(new Uri(blobUri), credential, StorageOptions.ForBlobs(configure)),
            new TableServiceClient(new Uri(tableUri), credential, StorageOptions.ForTables(configure)));
    }
}
