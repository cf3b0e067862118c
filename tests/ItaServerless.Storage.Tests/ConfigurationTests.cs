// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using ItaServerless.Storage.Blobs;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Development_storage_points_at_azurite_defaults()
    {
        var cs = StorageConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), cs.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), cs.TableEndpoint);
        Assert.Equal("devstoreaccount1", cs.AccountName);
    }

    [Fact]
    public void Account_connection_string_builds_endpoints_from_suffix()
    {
        var cs = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=itaprod;AccountKey=AAAA;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://itaprod.blob.core.windows.net"), cs.BlobEndpoint);
        Assert.Equal(new Uri("https://itaprod.table.core.windows.net"), cs.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win()
    {
        var cs = StorageConnectionString.Parse("AccountName=a;AccountKey=AAAA;BlobEndpoint=http://127.0.0.1:1/a/;TableEndpoint=http://127.0.0.1:2/a");
        Assert.Equal(new Uri("http://127.0.0.1:1/a"), cs.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:2/a"), cs.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountName=a")]
    [InlineData("AccountKey=AAAA")]
    [InlineData("AccountName=a;AccountKey=not-base64!")]
    [InlineData("garbage")]
    public void Bad_connection_strings_are_rejected(string value)
    {
        var ex = Record.Exception(() => StorageConnectionString.Parse(value));
        Assert.True(ex is FormatException or ArgumentException, ex?.GetType().Name);
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
        var options = new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var tables = new TableServiceClient(new Uri("https://itaprod.table.core.windows.net"), credential, options);
        await tables.GetTableClient("orgs").GetEntityIfExistsAsync("p", "r");
        Assert.Equal("Bearer token-1", handler.Authorization);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal(StorageClientOptions.TableServiceVersion, handler.Version);

        var blobs = new BlobServiceClient(new Uri("https://itaprod.blob.core.windows.net"), credential, options);
        Assert.Throws<InvalidOperationException>(() => blobs.GetBlobContainerClient("ccc").GetBlobClient("b").GenerateReadSasUri(DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Throws<ArgumentException>(() => new BlobServiceClient(new Uri("http://example.net"), credential));
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
