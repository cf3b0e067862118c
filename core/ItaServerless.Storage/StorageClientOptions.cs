// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure.Core;

namespace ItaServerless.Storage;

/// <summary>
/// Options for the blob and table clients. Retries, network timeout, logging and tracing come
/// from <see cref="ClientOptions"/> (Azure.Core's pipeline).
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>x-ms-version sent to the Blob service (SAS tokens are signed for the same version).</summary>
    public const string BlobServiceVersion = "2024-08-04";

    /// <summary>x-ms-version sent to the Table service (the version Azure.Data.Tables uses).</summary>
    public const string TableServiceVersion = "2019-02-02";

    /// <summary>The OAuth scope for Azure Storage data-plane tokens.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    public StorageClientOptions()
    {
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
        Diagnostics.LoggedHeaderNames.Add("x-ms-continuation-NextPartitionKey");
        Diagnostics.LoggedHeaderNames.Add("x-ms-continuation-NextRowKey");
        Diagnostics.LoggedQueryParameters.Add("comp");
        Diagnostics.LoggedQueryParameters.Add("restype");
        Diagnostics.LoggedQueryParameters.Add("prefix");
    }
}
