// SPDX-License-Identifier: MIT
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ItaServerless.Storage.Tables;
using Azure.Data.Tables;

namespace ItaServerless.Storage.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Development_storage_points_at_azurite_defaults()
    {
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), account.Blobs.Uri);
        Assert.Equal("devstoreaccount1", account.Tables.AccountName);
        Assert.StartsWith("http://127.0.0.1:10002/devstoreaccount1", account.Tables.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Account_connection_string_builds_endpoints_from_suffix()
    {
        var account = StorageAccount.FromConnectionString("DefaultEndpointsProtocol=https;AccountName=itaprod;AccountKey=AAAA;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://itaprod.blob.core.windows.net"), account.Blobs.Uri);
        Assert.StartsWith("https://itaprod.table.core.windows.net", account.Tables.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=a")]
    [InlineData("garbage")]
    [InlineData(" ")]
    public void Bad_connection_strings_are_rejected(string value)
    {
        var ex = Record.Exception(() => StorageAccount.FromConnectionString(value));
        Assert.True(ex is FormatException or ArgumentException or InvalidOperationException, ex?.GetType().Name);
    }

    [Fact]
    public void Settings_follow_the_functions_host_convention()
    {
        var fromConnection = StorageAccount.FromSettings(k => k == "AzureWebJobsStorage" ? "UseDevelopmentStorage=true" : null);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), fromConnection.Tables.Uri);

        var credential = new RecordingCredential();
        var byAccount = StorageAccount.FromSettings(k => k == "AzureWebJobsStorage:accountName" ? "itaprod" : null, credential: credential);
        Assert.Equal(new Uri("https://itaprod.blob.core.windows.net"), byAccount.Blobs.Uri);
        Assert.Equal(new Uri("https://itaprod.table.core.windows.net"), byAccount.Tables.Uri);
        Assert.False(byAccount.Blobs.GetBlobContainerClient("reports").GetBlobClient("a.pdf").CanGenerateSasUri);

        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage__blobServiceUri"] = "https://b.example.net",
            ["AzureWebJobsStorage__tableServiceUri"] = "https://t.example.net",
        };
        var byUris = StorageAccount.FromSettings(settings.GetValueOrDefault, credential: credential);
        Assert.Equal(new Uri("https://t.example.net"), byUris.Tables.Uri);

        Assert.Throws<InvalidOperationException>(() => StorageAccount.FromSettings(_ => null));
    }

    [Fact]
    public async Task Token_credentials_send_a_bearer_token_for_the_storage_scope()
    {
        var credential = new RecordingCredential();
        var handler = new CapturingHandler();
        var account = StorageAccount.FromSettings(k => k == "AzureWebJobsStorage__accountName" ? "itaprod" : null, credential: credential,
            configure: o => o.Transport = new HttpClientTransport(new HttpClient(handler)));
        await account.Tables.GetTableClient("orgs").FindEntityAsync("p", "r");
        Assert.Equal("Bearer token-1", handler.Authorization);
        Assert.Contains(credential.Scopes, s => s.StartsWith("https://storage.azure.com", StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => account.Blobs.GetBlobContainerClient("ccc").GetBlobClient("b").GetPropertiesAsync());
        Assert.Equal("Bearer token-1", handler.Authorization);
        // The pinned Blob service version (Azurite 3.35 refuses newer ones).
        Assert.Equal("2025-11-05", handler.Version);
        Assert.False(account.Blobs.GetBlobContainerClient("ccc").GetBlobClient("b").CanGenerateSasUri);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken("token-1", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Answers 404 without any network, recording the auth headers the pipeline produced.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }
        public string? Version { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            Version = request.Headers.TryGetValues("x-ms-version", out var v) ? v.Single() : null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("{\"odata.error\":{\"code\":\"ResourceNotFound\",\"message\":{\"value\":\"nope\"}}}"),
            });
        }
    }
}
