// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure.Core;
using ItaServerless.Storage.Internal;

namespace ItaServerless.Storage.Tables;

/// <summary>The Table service of one storage account.</summary>
public class TableServiceClient
{
    private readonly StoragePipeline _pipeline = null!;

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
    }

    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public TableServiceClient(StorageConnectionString connectionString, StorageClientOptions? options = null)
        : this(connectionString.TableEndpoint, connectionString.Credential, options)
    {
    }

    public TableServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
    {
        _pipeline = StoragePipeline.Create(serviceUri, credential, options, table: true);
    }

    public TableServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
    {
        _pipeline = StoragePipeline.Create(serviceUri, credential, options, table: true);
    }

    public virtual Uri Uri => _pipeline.Endpoint;

    public virtual TableClient GetTableClient(string tableName) => new(_pipeline, tableName);
}
