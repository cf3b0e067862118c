// SPDX-License-Identifier: MIT
using Grpc.Core;
using ItaServerless.FunctionsHost.Worker;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ItaServerless.FunctionsHost.Grpc;

/// <summary>The host's gRPC service: each worker opens one EventStream and starts it with StartStream.</summary>
public sealed class FunctionRpcService(WorkerSupervisor supervisor, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.StartStream is not { } start) return;
        var channel = supervisor.Channel;
        if (channel is null || channel.WorkerId != start.WorkerId)
        {
            logger.LogWarning("A stream from unknown worker {WorkerId} was refused", start.WorkerId);
            return;
        }
        await channel.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
