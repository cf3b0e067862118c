// SPDX-License-Identifier: MIT
using System.Text.Json;
using Azure.Storage.Blobs;
using ItaServerless.Storage.Blobs;

namespace ItaServerless.Functions.Storage;

/// <summary>The app's blobs: report requests and PDFs, published documents, the heartbeat record (JSON in web casing).</summary>
public sealed class AppBlobStore(BlobServiceClient service) : JsonBlobStore(service, new JsonSerializerOptions(JsonSerializerDefaults.Web));
