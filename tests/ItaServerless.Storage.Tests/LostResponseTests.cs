// SPDX-License-Identifier: MIT
using Azure;
using Azure.Core.Pipeline;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

/// <summary>
/// The write reaches Azurite and is applied, but its response is lost on the way back: the
/// known ambiguity of non-idempotent writes. The client must not blindly retry; the
/// repositories must still report the truth (success, not a spurious conflict).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class LostResponseTests(AzuriteFixture azurite)
{
    private readonly LosingHandler _handler = new();

    private TableServiceClient Service() => StorageAccount.FromConnectionString(azurite.ConnectionString, o =>
    {
        o.Transport = new HttpClientTransport(new HttpClient(_handler));
        o.Retry.Delay = TimeSpan.FromMilliseconds(1);
    }).Tables;

    [Fact]
    public async Task Client_does_not_retry_an_insert_whose_response_was_lost()
    {
        var table = Service().GetTableClient(AzuriteFixture.UniqueName("lost"));
        await table.CreateIfNotExistsAsync();
        int postsBefore = _handler.Sent("POST");
        _handler.LoseNext("POST");
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));
        Assert.True(ex.IsUnavailable());
        Assert.Equal(postsBefore + 1, _handler.Sent("POST"));
        Assert.NotNull(await table.FindEntityAsync("p", "r"));
    }

    [Fact]
    public async Task Repository_resolves_lost_insert_and_replace_responses_by_reading_back()
    {
        var tables = new StorageTables(Service(), AzuriteFixture.UniqueName("lost"));
        await tables.EnsureCreatedAsync();
        var orgs = new TableOrganizationRepository(tables);
        var plans = new TablePlanRepository(tables);

        _handler.LoseNext("POST");
        var orgVersion = await orgs.CreateAsync(RepositoryTests.Org(), RepositoryTests.Actor);
        Assert.Equal(orgVersion, (await orgs.GetAsync("na-kham"))!.Version);

        var v1 = await plans.CreateMeasureAsync("na-kham", RepositoryTests.MeasureOf(1), RepositoryTests.Actor);
        _handler.LoseNext("PUT");
        var v2 = await plans.ReplaceMeasureAsync("na-kham", RepositoryTests.MeasureOf(1, "หลังตอบหาย"), v1, RepositoryTests.Actor);
        var stored = await plans.GetMeasureAsync("na-kham", RepositoryTests.MeasureOf(1).FiscalYear, new MeasureKey(Plan.Ita, 1));
        Assert.Equal("หลังตอบหาย", stored!.Value.Title);
        Assert.Equal(v2, stored.Version);

        // A genuinely stale write is still refused after a lost response.
        _handler.LoseNext("PUT");
        await Assert.ThrowsAsync<StaleVersionException>(() => plans.ReplaceMeasureAsync("na-kham", RepositoryTests.MeasureOf(1, "เก่า"), v1, RepositoryTests.Actor));
    }

    private sealed class LosingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly Dictionary<string, int> _sent = [];
        private string? _loseMethod;

        public void LoseNext(string method) => _loseMethod = method;

        public int Sent(string method) => _sent.GetValueOrDefault(method);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string method = request.Method.Method;
            lock (_sent)
            {
                _sent[method] = _sent.GetValueOrDefault(method) + 1;
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (_loseMethod == method)
            {
                _loseMethod = null;
                response.Dispose();
                throw new HttpRequestException("Simulated: the connection dropped before the response arrived.");
            }
            return response;
        }
    }
}
