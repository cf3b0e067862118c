// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Hosting;

namespace ItaServerless.Functions.Api;

/// <summary>
/// Makes a POST with an <c>Idempotency-Key</c> header safe to retry: the first successful answer is
/// stored per organization, caller, route and key (after the access check, so only the same caller
/// ever gets it), and a retry with the same body gets it again instead of creating a second measure,
/// for a day. Only 2xx answers are kept, so a refused request may be retried. An answer that carries a
/// secret (<see cref="SecretAnswerAttribute"/>) is never replayed; one too large to keep is replayed as
/// 303 See Other to what it created. Functions whose use case makes the key part of what it creates
/// (<see cref="OwnIdempotencyAttribute"/>: reports) are left to it: their key also holds when a crash
/// comes between the write and this answer.
/// </summary>
/// <remarks>The store comes per request so the app starts (and /api/health answers) without storage.</remarks>
public sealed class Idempotency(IIdempotencyStore store, TimeProvider clock)
{
    public const string Header = IdempotencyKeys.Field;

    /// <summary>Set on an answer that an earlier request with the same key gave.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The largest body kept (a table property holds 64 KiB).</summary>
    public const int MaxKeptBody = 32 * 1024;

    /// <summary>A POST with a key, in an organization, to a function with an access rule (whose check has passed).</summary>
    public static bool Applies(HttpContext context, HttpFunction? function) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Headers[Header].ToString().Length > 0 &&
        context.GetRouteValue("org") is string org && ApiAuthorization.IsKeySafe(org) && function is { OwnIdempotency: false, Access: not null };

    /// <summary>Runs the function once per key: a retry gets the stored answer; the first answer is kept when it is a 2xx.</summary>
    public async Task RunAsync(HttpContext context, HttpFunction function, Func<Task<object?>> invoke, Action<object?> answer)
    {
        var key = context.Request.Headers[Header].ToString();
        var org = (string)context.GetRouteValue("org")!;
        var actor = context.Caller().Actor;
        if (IdempotencyKeys.Check(key) is { } invalid)
        {
            answer(ApiProblem.Field(StatusCodes.Status400BadRequest, invalid).ToResult());
            return;
        }

        context.Request.EnableBuffering(ApiJson.MaxBodyBytes);
        var bodyHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(context.Request.Body, context.RequestAborted));
        context.Request.Body.Position = 0;
        var rowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{context.Request.Path}\n{key}\n{actor.KindCode}:{actor.TokenId}")));

        var claim = await store.ClaimAsync(org, rowKey, bodyHash, clock.GetUtcNow(), context.RequestAborted);
        switch (claim.State)
        {
            case IdempotencyState.Completed:
                answer(new Replay(claim.Response!));
                return;
            case IdempotencyState.InProgress:
                context.Response.Headers.RetryAfter = "1";
                answer(ApiProblem.Conflict(Header, ErrorCodes.RequestInProgress, "คำขอเดียวกันกำลังดำเนินการอยู่ กรุณาลองใหม่อีกครั้ง",
                    "The same request is being processed; retry shortly.").ToResult());
                return;
            case IdempotencyState.Mismatch:
                answer(ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, IdempotencyKeys.Reused).ToResult());
                return;
        }

        // The function's answer is written here, into memory, so that it can be kept; the client gets the same bytes.
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            if (await invoke() is IResult first) await first.ExecuteAsync(context);
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
            var withheld = function.SecretAnswer ? WithheldBody.Secret : captured.Length > MaxKeptBody ? WithheldBody.TooLarge : WithheldBody.None;
            await store.CompleteAsync(org, rowKey, new StoredResponse(response.StatusCode, response.ContentType,
                response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null,
                withheld == WithheldBody.None ? captured.ToArray() : [], withheld), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(org, rowKey, CancellationToken.None);
        }

        answer(new Written(captured.ToArray()));
    }

    /// <summary>The body of an answer already written (status and headers are set on the response).</summary>
    private sealed class Written(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    /// <summary>The stored answer of the first request with this key (or, for a withheld body, where its result is).</summary>
    private sealed class Replay(StoredResponse stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers[ReplayedHeader] = "true";
            if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
            switch (stored.Withheld)
            {
                case WithheldBody.Secret:
                    await ApiProblem.Field(StatusCodes.Status409Conflict, IdempotencyKeys.SecretNotReplayed).ToResult().ExecuteAsync(context);
                    return;
                case WithheldBody.TooLarge when stored.Location is not null:
                    context.Response.StatusCode = StatusCodes.Status303SeeOther;
                    return;
            }

            context.Response.StatusCode = stored.Status;
            if (stored.ContentType is not null) context.Response.ContentType = stored.ContentType;
            if (stored.ETag is not null) context.Response.Headers.ETag = stored.ETag;
            await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }
}
