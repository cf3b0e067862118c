// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure.Core;
using ItaServerless.Storage.Internal;

namespace ItaServerless.Storage.Blobs;

/// <summary>The Blob service of one storage account.</summary>
public class BlobServiceClient
{
    private readonly StoragePipeline _pipeline = null!;

    /// <summary>For mocking.</summary>
    protected BlobServiceClient()
    {
    }

    public BlobServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public BlobServiceClient(StorageConnectionString connectionString, StorageClientOptions? options = null)
        : this(connectionString.BlobEndpoint, connectionString.Credential, options)
    {
    }

    public BlobServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
    {
        _pipeline = StoragePipeline.Create(serviceUri, credential, options, table: false);
    }

    public BlobServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
    {
        _pipeline = StoragePipeline.Create(serviceUri, credential, options, table: false);
    }

    public virtual Uri Uri => _pipeline.Endpoint;

    public virtual string AccountName => _pipeline.SharedKey?.AccountName ?? AccountNameFromUri(_pipeline.Endpoint);

    /// <summary>True when a shared key is present, so SAS URLs can be signed.</summary>
    public virtual bool CanGenerateSasUri => _pipeline.SharedKey != null;

    public virtual BlobContainerClient GetBlobContainerClient(string containerName) =>
        new(_pipeline, containerName, AccountName);

    internal static string AccountNameFromUri(Uri uri)
    {
        // https://account.blob.core.windows.net or path-style http://127.0.0.1:10000/account
        if (uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host, out _))
        {
            return uri.AbsolutePath.Trim('/').Split('/')[0];
        }
        return uri.Host.Split('.')[0];
    }
}
