// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Tests;

/// <summary>Which requests the pipeline repeats after an ambiguous failure (no network: a scripted handler).</summary>
public sealed class RetryRuleTests
{
    private static (TableClient Table, ScriptedHandler Handler) Create(params HttpStatusCode[] script)
    {
        var handler = new ScriptedHandler(script);
        var options = new StorageClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(handler)),
            Retry = { MaxRetries = 3, Delay = TimeSpan.FromMilliseconds(1), Mode = RetryMode.Fixed },
        };
        var key = new StorageSharedKeyCredential("acct", Convert.ToBase64String(new byte[32]));
        return (new TableServiceClient(new Uri("https://acct.table.core.windows.net"), key, options).GetTableClient("orgs"), handler);
    }

    [Fact]
    public async Task Insert_is_not_retried_after_a_server_error()
    {
        var (table, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(500, ex.Status);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Insert_is_retried_when_throttled()
    {
        var (table, handler) = Create(HttpStatusCode.ServiceUnavailable, (HttpStatusCode)429, HttpStatusCode.NoContent);
        await table.AddEntityAsync(new TableEntity("p", "r"));
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Conditional_update_and_transaction_are_not_retried_after_a_gateway_timeout()
    {
        var (table, handler) = Create(HttpStatusCode.GatewayTimeout, HttpStatusCode.NoContent);
        await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), new ETag("W/\"x\"")));
        Assert.Equal(1, handler.Calls);

        var (batchTable, batchHandler) = Create(HttpStatusCode.BadGateway, HttpStatusCode.Accepted);
        await Assert.ThrowsAsync<RequestFailedException>(() => batchTable.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity("p", "r"))]));
        Assert.Equal(1, batchHandler.Calls);
    }

    [Fact]
    public async Task Upsert_and_reads_are_retried_after_a_server_error()
    {
        var (table, handler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        await table.UpsertEntityAsync(new TableEntity("p", "r"));
        Assert.Equal(2, handler.Calls);

        var (readTable, readHandler) = Create(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.NotFound);
        Assert.Null(await readTable.GetEntityIfExistsAsync("p", "r"));
        Assert.Equal(3, readHandler.Calls);
    }

    [Fact]
    public async Task Exhausted_retries_surface_as_one_request_failed_exception()
    {
        var (table, handler) = Create(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "r"));
        Assert.Equal(503, ex.Status);
        Assert.True(ex.IsThrottled());
        Assert.Equal(4, handler.Calls);
    }

    private sealed class ScriptedHandler(HttpStatusCode[] script) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var status = script[Math.Min(Calls, script.Length - 1)];
            Calls++;
            var response = new HttpResponseMessage(status) { Content = new StringContent("") };
            if (status == HttpStatusCode.Accepted)
            {
                response.Content = new StringContent("--b\r\nHTTP/1.1 204 No Content\r\n\r\n--b--");
            }
            if (status == HttpStatusCode.NotFound)
            {
                response.Content = new StringContent("{\"odata.error\":{\"code\":\"ResourceNotFound\",\"message\":{\"value\":\"x\"}}}");
            }
            return Task.FromResult(response);
        }
    }
}
