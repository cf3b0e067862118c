// SPDX-License-Identifier: MIT
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ItaServerless.Storage.Pipeline;

namespace ItaServerless.Storage;

/// <summary>
/// Client options for the Tables and Blobs SDKs with the product's retry rules. <paramref name="configure"/>
/// may set the transport, retry counts, delays and timeouts; the retry policy is built from them after.
/// </summary>
public static class StorageOptions
{
    public static TableClientOptions ForTables(Action<ClientOptions>? configure = null) => Apply(new TableClientOptions(), configure);

    // Azurite 3.35 accepts service versions up to 2025-11-05 and refuses the SDK's default (2026-10-06):
    // pinning it keeps Azurite's version check on, and Azure serves this version too.
    public static BlobClientOptions ForBlobs(Action<ClientOptions>? configure = null) =>
        Apply(new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_11_05), configure);

    private static T Apply<T>(T options, Action<ClientOptions>? configure) where T : ClientOptions
    {
        configure?.Invoke(options);
        options.RetryPolicy = new WriteSafeRetryPolicy(options.Retry);
        options.AddPolicy(SingleFailurePolicy.Instance, HttpPipelinePosition.PerCall);
        options.Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
        return options;
    }
}
