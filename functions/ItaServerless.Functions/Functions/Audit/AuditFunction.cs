// SPDX-License-Identifier: MIT
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Audit;

/// <summary>Who made a change: "admin", "token" (with its id) or "system" (a function of the app).</summary>
public sealed record AuditActorResource(string Kind, string? TokenId, string Name);

/// <summary>One audit record as the API shows it; before and after are the entity's stored state (JSON, null when absent).</summary>
public sealed record AuditRecordResource(
    long Sequence,
    DateTimeOffset At,
    AuditActorResource Actor,
    string EntityType,
    string EntityId,
    string Action,
    JsonNode? Before,
    JsonNode? After,
    string PreviousHash,
    string Hash)
{
    public static AuditRecordResource From(AuditRecord r) => new(r.Sequence, r.At, new AuditActorResource(r.Actor.KindCode, r.Actor.TokenId, r.Actor.Name),
        r.EntityType, r.EntityId, r.Action, Parse(r.Before), Parse(r.After), r.PreviousHash, r.Hash);

    private static JsonNode? Parse(string? json)
    {
        if (json is null) return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json); // shown as text when it is not JSON (verification reports why)
        }
    }
}

/// <summary>A page of records, newest first; <c>next</c> is the <c>continuation</c> of the following (older) page.</summary>
public sealed record AuditPageResource(string Chain, IReadOnlyList<AuditRecordResource> Items, string? Next);

public sealed record AuditBreakResource(long? Sequence, string Reason, string? Entity);

public sealed record AuditVerificationResource(string Chain, bool Valid, int Checked, long? LastSequence, AuditBreakResource? FirstBroken);

/// <summary>
/// The tamper-evident audit trail: <c>GET /api/orgs/{org}/audit[?fy=]</c> lists the records of the
/// organization's chain (or of fiscal year <c>fy</c>) newest first; <c>GET …/audit/verify[?fy=]</c>
/// recomputes the chain and names the first broken link. Editors and the admin only.
/// </summary>
[Description("The organization's audit trail and its verification (บันทึกการเปลี่ยนแปลง).")]
public sealed class AuditFunction(IAuditTrail trail)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    [Function("ListAudit"), Requires(AccessNeed.Edit), QueryParameter("fy", "The chain of this fiscal year instead of the organization's own."),
     QueryParameter("limit", "Records per page (1–500, 50 by default)."), QueryParameter("continuation", "The next of the previous page.")]
    public async Task<Results<Ok<AuditPageResource>, ApiProblemResult>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/orgs/{org}/audit")] HttpRequest request, string org, CancellationToken ct)
    {
        var year = ParseYear(request.Query["fy"]);
        string? limit = request.Query["limit"], continuation = request.Query["continuation"];
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, "limit", ErrorCodes.OutOfRange, $"limit ต้องเป็นจำนวนเต็ม 1 ถึง {MaxLimit}",
                $"limit must be a whole number from 1 to {MaxLimit}.").ToResult();
        }
        if (continuation is not null && !IsContinuation(continuation)) return BadContinuation();

        AuditPage page;
        try
        {
            page = await trail.ListAsync(org, year, size, continuation, ct);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status400BadRequest && continuation is not null)
        {
            return BadContinuation();
        }
        return TypedResults.Ok(new AuditPageResource(ChainName(org, year), page.Records.Select(AuditRecordResource.From).ToArray(), page.Continuation));
    }

    [Function("VerifyAudit"), Requires(AccessNeed.Edit), QueryParameter("fy", "The chain of this fiscal year instead of the organization's own.")]
    public async Task<Ok<AuditVerificationResource>> VerifyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/orgs/{org}/audit/verify")] HttpRequest request, string org, CancellationToken ct)
    {
        var year = ParseYear(request.Query["fy"]);
        var result = await trail.VerifyAsync(org, year, ct);
        var broken = result.FirstBroken is { } b ? new AuditBreakResource(b.Sequence, b.Reason, b.Entity) : null;
        return TypedResults.Ok(new AuditVerificationResource(ChainName(org, year), result.Valid, result.Checked, result.LastSequence, broken));
    }
    private static FiscalYear? ParseYear(string? fy) => fy is null ? null : FiscalYear.Parse(fy, "fy").Value;

    private static string ChainName(string org, FiscalYear? year) => year is null ? org : $"{org}|{year.Year}";

    private static ApiProblemResult BadContinuation() => ApiProblem.Field(StatusCodes.Status400BadRequest, "continuation", ErrorCodes.InvalidFormat,
        "ค่า continuation ไม่ถูกต้อง", "The continuation is not one this API gave.").ToResult();

    /// <summary>Storage continuations are "{next partition} {next row}" of visible ASCII; anything else never reaches storage.</summary>
    private static bool IsContinuation(string text) =>
        text.Length <= 400 && text.Split(' ') is [{ Length: > 0 } partition, { Length: > 0 } row] &&
        (partition + row).All(c => c is > ' ' and <= '~');
}
