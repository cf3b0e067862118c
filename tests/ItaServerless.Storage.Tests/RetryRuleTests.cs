// SPDX-License-Identifier: MIT
using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using ItaServerless.Storage.Blobs;

namespace ItaServerless.Storage.Tests;

/// <summary>Which requests the SDK pipeline repeats after an ambiguous failure (no network: a scripted handler).</summary>
public sealed class RetryRuleTests
{
    private static (StorageAccount Account, ScriptedHandler Handler) Create(params HttpStatusCode[] script)
    {
        var handler = new ScriptedHandler(script);
        var key = Convert.ToBase64String(new byte[32]);
        var account = StorageAccount.FromConnectionString($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={key};EndpointSuffix=core.windows.net", o =>
        {
            o.Transport = new HttpClientTransport(new HttpClient(handler));
            o.Retry.MaxRetries = 3;
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
            o.Retry.Mode = RetryMode.Fixed;
        });
        return (account, handler);
    }

    private static TableClient Table(StorageAccount account) => account.Tables.GetTableClient("orgs");

    [Fact]
    public async Task Insert_is_not_retried_after_a_server_error()
    {
        var (account, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Table(account).AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(500, ex.Status);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Insert_is_retried_when_throttled()
    {
        var (account, handler) = Create(HttpStatusCode.ServiceUnavailable, (HttpStatusCode)429, HttpStatusCode.NoContent);
        await Table(account).AddEntityAsync(new TableEntity("p", "r"));
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Conditional_update_and_transaction_are_not_retried_after_a_gateway_timeout()
    {
        var (account, handler) = Create(HttpStatusCode.GatewayTimeout, HttpStatusCode.NoContent);
        await Assert.ThrowsAsync<RequestFailedException>(() => Table(account).UpdateEntityAsync(new TableEntity("p", "r"), new ETag("W/\"x\"")));
        Assert.Equal(1, handler.Calls);

        var (batchAccount, batchHandler) = Create(HttpStatusCode.BadGateway, HttpStatusCode.Accepted);
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => Table(batchAccount).SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity("p", "r"))]));
        Assert.Equal(1, batchHandler.Calls);
    }

    [Fact]
    public async Task Create_only_blob_upload_is_not_retried_after_a_server_error()
    {
        var (account, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.Created);
        var blob = account.Blobs.GetBlobContainerClient("reports").GetBlobClient("a.json");
        await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("{}"), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly() }));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Upsert_and_reads_are_retried_after_a_server_error()
    {
        var (account, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        await Table(account).UpsertEntityAsync(new TableEntity("p", "r"));
        Assert.Equal(2, handler.Calls);

        var (readAccount, readHandler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.NotFound);
        Assert.False((await Table(readAccount).GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
        Assert.Equal(3, readHandler.Calls);
    }

    [Fact]
    public async Task Exhausted_retries_stop_at_the_configured_count_and_surface_one_exception()
    {
        var (account, handler) = Create(HttpStatusCode.ServiceUnavailable);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Table(account).GetEntityAsync<TableEntity>("p", "r"));
        Assert.Equal(503, ex.Status);
        Assert.True(ex.IsThrottled());
        Assert.Equal(4, handler.Calls);

        var (insertAccount, insertHandler) = Create(HttpStatusCode.ServiceUnavailable);
        await Assert.ThrowsAsync<RequestFailedException>(() => Table(insertAccount).AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(4, insertHandler.Calls);
    }

    [Fact]
    public async Task Connection_failures_after_every_try_surface_as_one_exception_with_status_0()
    {
        var (account, handler) = Create();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Table(account).GetEntityAsync<TableEntity>("p", "r"));
        Assert.True(ex.IsUnavailable());
        Assert.Contains("failed after 4 tries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, handler.Calls);
    }

    /// <summary>Answers the scripted statuses in turn (the last one repeats); an empty script refuses every connection.</summary>
    private sealed class ScriptedHandler(HttpStatusCode[] script) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            if (script.Length == 0)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (scripted)");
            }
            var status = script[Math.Min(Calls - 1, script.Length - 1)];
            var response = new HttpResponseMessage(status) { Content = new StringContent("") };
            if (status == HttpStatusCode.NoContent)
            {
                response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"e1\"", isWeak: true);
            }
            if (status == HttpStatusCode.NotFound)
            {
                response.Content = new StringContent("{\"odata.error\":{\"code\":\"ResourceNotFound\",\"message\":{\"value\":\"x\"}}}");
            }
            return Task.FromResult(response);
        }
    }
}
