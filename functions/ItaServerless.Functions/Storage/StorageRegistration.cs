// SPDX-License-Identifier: MIT
using ItaServerless.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.Storage.Blobs;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaServerless.Functions.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// The storage account of <c>AzureWebJobsStorage</c>, the host's own setting: a connection string
    /// (locally <c>UseDevelopmentStorage=true</c>) or identity-based <c>AzureWebJobsStorage__accountName</c>
    /// (or <c>__blobServiceUri</c> and <c>__tableServiceUri</c>) with the managed identity.
    /// </summary>
    public static IServiceCollection AddRuntimeStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return StorageAccount.FromSettings(key => configuration[key]);
        });
        services.TryAddSingleton<BlobServiceClient>(sp => sp.GetRequiredService<StorageAccount>().Blobs);
        services.TryAddSingleton<TableServiceClient>(sp => sp.GetRequiredService<StorageAccount>().Tables);
        services.TryAddSingleton<AppBlobStore>();
        return services;
    }
}
