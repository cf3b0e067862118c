// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Keys;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Yarp.ReverseProxy.Forwarder;

namespace ItaServerless.FunctionsHost.Http;

/// <summary>
/// An HTTP function call as the host makes it to a worker with ASP.NET Core integration: the
/// request goes as it is to the worker's HttpUri with x-ms-invocation-id, while an
/// InvocationRequest with an empty RpcHttp tells the worker to run the function for it.
/// </summary>
public sealed class HttpForwarding(FunctionDispatcher dispatcher, KeyStore keys, IHttpForwarder forwarder, ILogger<HttpForwarding> logger)
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly HttpMessageInvoker _client = new(new RetryRefusedConnection
    {
        InnerHandler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            // Header values the front door accepted go on as they came (UTF-8), not refused by the client: the worker judges them.
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        },
    });

    public async Task HandleAsync(HttpContext context, HostFunction function)
    {
        var trigger = (HttpTrigger)function.Trigger!;
        if (!await keys.IsAuthorizedAsync(context.Request, trigger.Level, function.Name, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        Grpc.WorkerChannel channel;
        try
        {
            channel = await dispatcher.WhenReadyAsync(context.RequestAborted);
        }
        catch (TimeoutException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (channel.HttpUri is null)
        {
            // Without ASP.NET Core integration the host would send the request in RpcHttp; this app does not need that.
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            await context.Response.WriteAsync("The worker does not advertise HttpUri: use ConfigureFunctionsWebApplication().");
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var forwarding = forwarder.SendAsync(context, channel.HttpUri.ToString(), _client, ForwarderRequestConfig.Empty, new AddInvocationId(invocationId)).AsTask();
        var invocation = dispatcher.InvokeAsync(function, $"HTTP {context.Request.Method} {context.Request.Path}",
            [new ParameterBinding { Name = trigger.Parameter, Data = new TypedData { Http = new RpcHttp() } }], TriggerMetadata(context), CancellationToken.None, invocationId, channel);
        var error = await forwarding;
        if (error != ForwarderError.None)
        {
            logger.LogWarning(context.GetForwarderErrorFeature()?.Exception, "Forwarding {Path} to the worker failed: {Error}", context.Request.Path, error);
            return; // the invocation ends on its own (the worker times it out)
        }
        await invocation;
    }

    /// <summary>The host's binding data for an HTTP trigger: route values (the worker binds parameters such as "string id" from them), Query and Headers.</summary>
    private static Dictionary<string, TypedData> TriggerMetadata(HttpContext context)
    {
        var metadata = new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase)
        {
            ["Query"] = new() { Json = JsonSerializer.Serialize(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) },
            ["Headers"] = new() { Json = JsonSerializer.Serialize(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())) },
        };
        foreach (var (name, value) in context.Request.RouteValues)
            if (value?.ToString() is { } text) metadata[name] = new TypedData { String = text };
        return metadata;
    }

    /// <summary>
    /// A fresh worker reports ready a moment before its Kestrel listens: like the host's retrying
    /// proxy handler, try again while the connection is refused (nothing was sent yet).
    /// </summary>
    private sealed class RetryRefusedConnection : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await base.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException e) when (attempt < 20 && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    private sealed class AddInvocationId(string invocationId) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await Default.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove(InvocationIdHeader);
            proxyRequest.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        }
    }
}
