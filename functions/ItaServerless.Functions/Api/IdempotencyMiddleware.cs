// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Api;

/// <summary>
/// Makes a POST with an <c>Idempotency-Key</c> header safe to retry: the first successful answer is
/// stored per organization, route and key, and a retry with the same body gets it again instead of
/// creating a second measure. Only 2xx answers are kept, so a refused request may be retried. Routes
/// whose use case makes the key part of what it creates (<see cref="OwnIdempotency"/>: reports) are
/// left to it: their key also holds when a crash comes between the write and this answer.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock)
{
    public const string Header = IdempotencyKeys.Field;

    /// <summary>Set on an answer that an earlier request with the same key gave.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <remarks>The store comes per request so the app starts (and /api/health answers) without storage.</remarks>
    public async Task InvokeAsync(HttpContext context, IIdempotencyStore store)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || context.GetRouteValue("org") is not string org ||
            !ApiAuthorization.IsKeySafe(org) || // the endpoint answers 404 for an org that cannot exist
            context.GetEndpoint()?.Metadata.GetMetadata<OwnIdempotency>() is not null)
        {
            await next(context);
            return;
        }

        if (IdempotencyKeys.Check(key) is { } invalid)
        {
            await ApiProblem.Field(StatusCodes.Status400BadRequest, invalid).ToResult().ExecuteAsync(context);
            return;
        }

        context.Request.EnableBuffering(ApiJson.MaxBodyBytes);
        var bodyHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(context.Request.Body, context.RequestAborted));
        context.Request.Body.Position = 0;
        var rowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{context.Request.Path}\n{key}")));

        var claim = await store.ClaimAsync(org, rowKey, bodyHash, clock.GetUtcNow(), context.RequestAborted);
        switch (claim.State)
        {
            case IdempotencyState.Completed:
                await ReplayAsync(context, claim.Response!);
                return;
            case IdempotencyState.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await ApiProblem.Conflict(Header, ErrorCodes.RequestInProgress, "คำขอเดียวกันกำลังดำเนินการอยู่ กรุณาลองใหม่อีกครั้ง",
                    "The same request is being processed; retry shortly.").ToResult().ExecuteAsync(context);
                return;
            case IdempotencyState.Mismatch:
                await ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, IdempotencyKeys.Reused).ToResult().ExecuteAsync(context);
                return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await store.ReleaseAsync(org, rowKey, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode is >= 200 and < 300)
        {
            await store.CompleteAsync(org, rowKey, new StoredResponse(response.StatusCode, response.ContentType,
                response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null, captured.ToArray()), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(org, rowKey, CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.Status;
        if (stored.ContentType is not null) context.Response.ContentType = stored.ContentType;
        if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
        if (stored.ETag is not null) context.Response.Headers.ETag = stored.ETag;
        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }
}

/// <summary>Endpoint metadata: the use case behind this POST handles Idempotency-Key itself.</summary>
public sealed class OwnIdempotency
{
    public static OwnIdempotency Metadata { get; } = new();
}
