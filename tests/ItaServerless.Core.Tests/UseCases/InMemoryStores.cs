// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Core.Tests.UseCases;

/// <summary>A clock that stays where a test puts it.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Versions "v1", "v2", … and the optimistic-concurrency rules the repositories promise.</summary>
internal abstract class VersionedStore
{
    private int _next;

    /// <summary>Who wrote last (the audit actor every write takes).</summary>
    public AuditActor? LastActor { get; protected set; }

    protected EntityVersion NextVersion() => new($"v{++_next}");

    protected static void Check<T>(Versioned<T>? current, EntityVersion? ifMatch, string what)
    {
        if (ifMatch is null && current is not null) throw new AlreadyExistsException($"{what} exists.");
        if (ifMatch is not null && current is null) throw new EntityNotFoundException($"{what} does not exist.");
        if (ifMatch is not null && current!.Version != ifMatch) throw new StaleVersionException($"{what} changed.");
    }
}

internal sealed class InMemoryOrganizations : VersionedStore, IOrganizationRepository
{
    private readonly Dictionary<string, Versioned<Organization>> _organizations = [];
    private readonly Dictionary<(string, string), Versioned<Unit>> _units = [];
    private readonly Dictionary<(string, string), Versioned<Official>> _officials = [];

    public Task<EntityVersion> CreateAsync(Organization organization, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (_organizations.ContainsKey(organization.Id)) throw new AlreadyExistsException(organization.Id);
        LastActor = actor;
        var version = NextVersion();
        _organizations[organization.Id] = new(organization, version);
        return Task.FromResult(version);
    }

    public Task<Versioned<Organization>?> GetAsync(string organizationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_organizations.GetValueOrDefault(organizationId));

    public Task<EntityVersion> UpdateAsync(Organization organization, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Check(_organizations.GetValueOrDefault(organization.Id), ifMatch, organization.Id);
        LastActor = actor;
        var version = NextVersion();
        _organizations[organization.Id] = new(organization, version);
        return Task.FromResult(version);
    }

    public async Task<OrganizationProfile?> GetProfileAsync(string organizationId, CancellationToken cancellationToken = default) =>
        _organizations.GetValueOrDefault(organizationId) is { } organization
            ? new OrganizationProfile(organization, await ListUnitsAsync(organizationId, cancellationToken), await ListOfficialsAsync(organizationId, cancellationToken))
            : null;

    public async IAsyncEnumerable<OrganizationSummary> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var o in _organizations.Values.Select(v => v.Value).OrderBy(o => o.Id, StringComparer.Ordinal))
        {
            await Task.Yield();
            yield return new OrganizationSummary(o.Id, o.Name, o.Kind, o.Province, o.AutoPublish);
        }
    }

    public Task<IReadOnlyList<Versioned<Unit>>> ListUnitsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Versioned<Unit>>>(_units.Where(p => p.Key.Item1 == organizationId).Select(p => p.Value).ToList());

    public Task<Versioned<Unit>?> GetUnitAsync(string organizationId, string unitId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_units.GetValueOrDefault((organizationId, unitId)));

    public Task<EntityVersion> PutUnitAsync(Unit unit, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Check(_units.GetValueOrDefault((unit.OrganizationId, unit.Id)), ifMatch, unit.Id);
        LastActor = actor;
        var version = NextVersion();
        _units[(unit.OrganizationId, unit.Id)] = new(unit, version);
        return Task.FromResult(version);
    }

    public Task DeleteUnitAsync(string organizationId, string unitId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Check(_units.GetValueOrDefault((organizationId, unitId)), ifMatch, unitId);
        LastActor = actor;
        _units.Remove((organizationId, unitId));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Versioned<Official>>> ListOfficialsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Versioned<Official>>>(_officials.Where(p => p.Key.Item1 == organizationId).Select(p => p.Value).ToList());

    public Task<Versioned<Official>?> GetOfficialAsync(string organizationId, string officialId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_officials.GetValueOrDefault((organizationId, officialId)));

    public Task<EntityVersion> PutOfficialAsync(Official official, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Check(_officials.GetValueOrDefault((official.OrganizationId, official.Id)), ifMatch, official.Id);
        LastActor = actor;
        var version = NextVersion();
        _officials[(official.OrganizationId, official.Id)] = new(official, version);
        return Task.FromResult(version);
    }

    public Task DeleteOfficialAsync(string organizationId, string officialId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Check(_officials.GetValueOrDefault((organizationId, officialId)), ifMatch, officialId);
        LastActor = actor;
        _officials.Remove((organizationId, officialId));
        return Task.CompletedTask;
    }
}

internal sealed class InMemoryPlans : VersionedStore, IPlanRepository
{
    private readonly Dictionary<(string, int), Versioned<Assessment>> _assessments = [];
    private readonly Dictionary<(string, int, MeasureKey), Versioned<Measure>> _measures = [];
    private readonly Dictionary<(string, int, string, MeasureKey), Versioned<ProgressRecord>> _progress = [];

    /// <summary>Runs before each measure insert: lets a test play another request that takes a number first.</summary>
    public Action<string, Measure>? BeforeCreate { get; set; }

    public int CreateAttempts { get; private set; }

    public Task<Versioned<Assessment>?> GetAssessmentAsync(string organizationId, FiscalYear assessmentYear, CancellationToken cancellationToken = default) =>
        Task.FromResult(_assessments.GetValueOrDefault((organizationId, assessmentYear.Year)));

    public Task<EntityVersion> PutAssessmentAsync(Assessment assessment, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var key = (assessment.OrganizationId, assessment.AssessmentYear.Year);
        Check(_assessments.GetValueOrDefault(key), ifMatch, "assessment");
        LastActor = actor;
        var version = NextVersion();
        _assessments[key] = new(assessment, version);
        return Task.FromResult(version);
    }

    public Task<IReadOnlyList<Versioned<Measure>>> ListMeasuresAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Versioned<Measure>>>(_measures.Where(p => p.Key.Item1 == organizationId && p.Key.Item2 == year.Year)
            .Select(p => p.Value).OrderBy(m => m.Value.Plan).ThenBy(m => m.Value.Number).ToList());

    public Task<Versioned<Measure>?> GetMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_measures.GetValueOrDefault((organizationId, year.Year, key)));

    public Task<EntityVersion> CreateMeasureAsync(string organizationId, Measure measure, AuditActor actor, CancellationToken cancellationToken = default)
    {
        CreateAttempts++;
        BeforeCreate?.Invoke(organizationId, measure);
        return Task.FromResult(Insert(organizationId, measure, actor));
    }

    /// <summary>A measure written by "someone else" (no hooks).</summary>
    public EntityVersion Insert(string organizationId, Measure measure, AuditActor? actor = null)
    {
        var key = (organizationId, measure.FiscalYear.Year, measure.Key);
        if (_measures.ContainsKey(key)) throw new AlreadyExistsException(measure.Key.ToString());
        LastActor = actor ?? LastActor;
        var version = NextVersion();
        _measures[key] = new(measure, version);
        return version;
    }

    public Task<EntityVersion> ReplaceMeasureAsync(string organizationId, Measure measure, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var key = (organizationId, measure.FiscalYear.Year, measure.Key);
        Check(_measures.GetValueOrDefault(key), ifMatch, measure.Key.ToString());
        LastActor = actor;
        var version = NextVersion();
        _measures[key] = new(measure, version);
        return Task.FromResult(version);
    }

    public Task DeleteMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Check(_measures.GetValueOrDefault((organizationId, year.Year, key)), ifMatch, key.ToString());
        LastActor = actor;
        _measures.Remove((organizationId, year.Year, key));
        foreach (var stale in _progress.Keys.Where(k => k.Item1 == organizationId && k.Item2 == year.Year && k.Item4 == key).ToList()) _progress.Remove(stale);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<MeasureReporting>> ListReportingAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var measures = (await ListMeasuresAsync(organizationId, year, cancellationToken)).Select(m => m.Value);
        var reports = _progress.Where(p => p.Key.Item1 == organizationId && p.Key.Item2 == year.Year).Select(p => p.Value.Value.Progress);
        return MeasureReporting.Of(measures, reports);
    }

    public Task<IReadOnlyList<Versioned<ProgressRecord>>> ListProgressAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Versioned<ProgressRecord>>>(_progress
            .Where(p => p.Key.Item1 == organizationId && p.Key.Item2 == round.Year.Year && p.Key.Item3 == round.Round.Code)
            .Select(p => p.Value).OrderBy(r => r.Value.Measure.Plan).ThenBy(r => r.Value.Measure.Number).ToList());

    public Task<Versioned<ProgressRecord>?> GetProgressAsync(string organizationId, FiscalYear year, ReportingRound round, MeasureKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_progress.GetValueOrDefault((organizationId, year.Year, round.Code, key)));

    public Task<EntityVersion> PutProgressAsync(string organizationId, FiscalYear year, ProgressRecord record, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var key = (organizationId, year.Year, record.Round.Code, record.Measure);
        Check(_progress.GetValueOrDefault(key), ifMatch, record.Measure.ToString());
        LastActor = actor;
        var version = NextVersion();
        _progress[key] = new(record, version);
        return Task.FromResult(version);
    }
}

internal sealed class InMemoryGrants : IAccessGrantStore
{
    public List<(AccessGrant Grant, AuditActor Actor)> Added { get; } = [];

    public Task<AccessGrant?> FindAsync(string organizationId, string tokenId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Added.Select(a => a.Grant).FirstOrDefault(g => g.OrganizationId == organizationId && g.TokenId == tokenId));

    public Task AddAsync(AccessGrant grant, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Added.Add((grant, actor));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<AccessGrant> ListAsync(string organizationId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var grant in Added.Select(a => a.Grant).Where(g => g.OrganizationId == organizationId).ToList())
        {
            await Task.Yield();
            yield return grant;
        }
    }

    public Task<bool> RevokeAsync(string organizationId, string tokenId, DateTimeOffset at, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var index = Added.FindIndex(a => a.Grant.OrganizationId == organizationId && a.Grant.TokenId == tokenId);
        if (index < 0) return Task.FromResult(false);
        Added[index] = (Added[index].Grant with { RevokedAt = at }, actor);
        return Task.FromResult(true);
    }
}

internal sealed class InMemoryReports : VersionedStore, IReportRecordRepository, IReportRequestQueue
{
    private readonly Dictionary<(string, int, string), Versioned<ReportRecord>> _records = [];

    public Dictionary<string, ReportRequest> Queued { get; } = [];

    public Task<(ReportRequest Queued, bool Earlier)> EnqueueAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var path = $"{request.Organization}/{request.Year.Year}/{request.Id}";
        if (Queued.TryGetValue(path, out var earlier)) return Task.FromResult((earlier, true));
        Queued[path] = request;
        return Task.FromResult((request, false));
    }

    public Task<EntityVersion> AddAsync(ReportRecord record, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var key = (record.OrganizationId, record.FiscalYear.Year, record.Id);
        if (_records.ContainsKey(key)) throw new AlreadyExistsException(record.Id);
        LastActor = actor;
        var version = NextVersion();
        _records[key] = new(record, version);
        return Task.FromResult(version);
    }

    public Task<Versioned<ReportRecord>?> GetAsync(string organizationId, FiscalYear year, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault((organizationId, year.Year, id)));

    public Task<IReadOnlyList<Versioned<ReportRecord>>> ListAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Versioned<ReportRecord>>>(_records.Where(p => p.Key.Item1 == organizationId && p.Key.Item2 == year.Year)
            .Select(p => p.Value).OrderByDescending(r => r.Value.CreatedAt).ToList());

    public Task<EntityVersion> ReplaceAsync(ReportRecord record, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var key = (record.OrganizationId, record.FiscalYear.Year, record.Id);
        Check(_records.GetValueOrDefault(key), ifMatch, record.Id);
        var version = NextVersion();
        _records[key] = new(record, version);
        return Task.FromResult(version);
    }

    public Task<EntityVersion> MarkPublishedAsync(string organizationId, FiscalYear year, string id, DateTimeOffset publishedAt, EntityVersion ifMatch, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        var key = (organizationId, year.Year, id);
        var current = _records.GetValueOrDefault(key);
        Check(current, ifMatch, id);
        var version = NextVersion();
        _records[key] = new(current!.Value with { PublishedAt = publishedAt }, version);
        return Task.FromResult(version);
    }
}
