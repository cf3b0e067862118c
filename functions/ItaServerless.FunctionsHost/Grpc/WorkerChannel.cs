// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using ItaServerless.FunctionsHost.Functions;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ItaServerless.FunctionsHost.Grpc;

/// <summary>The worker is gone (exited or closed its stream) while an invocation was in flight.</summary>
public sealed class WorkerGoneException(string message) : Exception(message);

/// <summary>
/// The event stream of one worker process, as the host's GrpcWorkerChannel: after StartStream
/// it sends WorkerInitRequest, FunctionsMetadataRequest (worker indexing) and one
/// FunctionLoadRequest per function; then it carries invocations and turns RpcLog into log lines.
/// </summary>
public sealed class WorkerChannel(string workerId, string appDirectory, string routePrefix, ILoggerFactory loggers)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, (string Function, TaskCompletionSource<InvocationResponse> Done)> _pending = new();
    private readonly TaskCompletionSource<IReadOnlyList<HostFunction>> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly List<HostFunction> _functions = [];
    private readonly ILogger _logger = loggers.CreateLogger<WorkerChannel>();
    private int _toLoad;

    public string WorkerId { get; } = workerId;

    /// <summary>Set by workers using ASP.NET Core integration: HTTP requests are forwarded there.</summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>Completes with the loaded functions, or fails when the worker cannot start.</summary>
    public Task<IReadOnlyList<HostFunction>> Loaded => _loaded.Task;

    /// <summary>Serves the stream after its StartStream message until the worker closes it.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        var writing = Task.Run(async () =>
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken)) await responses.WriteAsync(message, cancellationToken);
        }, cancellationToken);
        var init = new WorkerInitRequest { HostVersion = "4.0.0-ita-local", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        init.Capabilities["MultiStream"] = "10"; // the one capability the real host always offers
        Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), WorkerInitRequest = init });
        try
        {
            await foreach (var message in requests.ReadAllAsync(cancellationToken)) Receive(message);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or global::Grpc.Core.RpcException)
        {
            // The worker went away: Close below fails what is still waiting.
        }
        finally
        {
            Close("The worker closed its stream.");
            try
            {
                await writing;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or global::Grpc.Core.RpcException or InvalidOperationException)
            {
            }
        }
    }

    /// <summary>The worker's id for the loaded function of that name.</summary>
    public string? FunctionId(string name)
    {
        lock (_ids) return _ids.GetValueOrDefault(name);
    }

    public async Task<InvocationResponse> InvokeAsync(string function, InvocationRequest request, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.InvocationId] = (function, done);
        try
        {
            if (!_outbound.Writer.TryWrite(new StreamingMessage { InvocationRequest = request })) throw new WorkerGoneException("The worker is gone.");
            return await done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(request.InvocationId, out _);
        }
    }

    public void Terminate(TimeSpan gracePeriod) =>
        Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) } });

    /// <summary>Fails the load and every pending invocation; further sends are dropped.</summary>
    public void Close(string reason)
    {
        _outbound.Writer.TryComplete();
        _loaded.TrySetException(new WorkerGoneException(reason));
        foreach (var (_, pending) in _pending) pending.Done.TrySetException(new WorkerGoneException(reason));
    }

    private void Send(StreamingMessage message) => _outbound.Writer.TryWrite(message);

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                var init = message.WorkerInitResponse;
                if (init.Result.Status != StatusResult.Types.Status.Success)
                {
                    _loaded.TrySetException(new InvalidOperationException($"The worker failed to initialize: {init.Result.Exception?.Message}"));
                    break;
                }
                if (init.Capabilities.TryGetValue("HttpUri", out var uri) && uri.Length > 0) HttpUri = new Uri(uri);
                Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } });
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                OnMetadata(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                var load = message.FunctionLoadResponse;
                if (load.Result.Status != StatusResult.Types.Status.Success)
                {
                    lock (_ids) _functions.RemoveAll(f => _ids.GetValueOrDefault(f.Name) == load.FunctionId);
                    _logger.LogError("The worker could not load function {FunctionId}: {Error}", load.FunctionId, load.Result.Exception?.Message);
                }
                if (Interlocked.Decrement(ref _toLoad) == 0)
                {
                    lock (_ids) _loaded.TrySetResult(_functions.ToList());
                }
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_pending.TryGetValue(message.InvocationResponse.InvocationId, out var pending)) pending.Done.TrySetResult(message.InvocationResponse);
                break;
            default:
                _logger.LogDebug("Ignored {Message} from worker {WorkerId}", message.ContentCase, WorkerId);
                break;
        }
    }

    private void OnMetadata(FunctionMetadataResponse response)
    {
        if (response.Result.Status != StatusResult.Types.Status.Success || response.UseDefaultMetadataIndexing)
        {
            _loaded.TrySetException(new InvalidOperationException(response.UseDefaultMetadataIndexing
                ? "The worker asks for host indexing (functions.metadata); this host supports worker indexing only."
                : $"The worker failed to index its functions: {response.Result.Exception?.Message}"));
            return;
        }
        var loadable = new List<RpcFunctionMetadata>();
        foreach (var metadata in response.FunctionMetadataResults)
        {
            try
            {
                var function = HostFunction.From(metadata, routePrefix);
                lock (_ids)
                {
                    _ids[function.Name] = metadata.FunctionId;
                    _functions.Add(function);
                }
                loadable.Add(metadata);
            }
            catch (FormatException e)
            {
                _logger.LogError("Function {Function} is not loaded: {Error}", metadata.Name, e.Message);
            }
        }
        _toLoad = loadable.Count;
        if (loadable.Count == 0) _loaded.TrySetResult([]);
        // One request per function: worker 2.52 does not handle FunctionLoadRequestCollection.
        foreach (var metadata in loadable)
            Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), FunctionLoadRequest = new FunctionLoadRequest { FunctionId = metadata.FunctionId, Metadata = metadata } });
    }

    /// <summary>User logs under Function.{name}.User like the host; the worker's own under its category.</summary>
    private void Log(RpcLog log)
    {
        var category = log.LogCategory == RpcLog.Types.RpcLogCategory.User && _pending.TryGetValue(log.InvocationId, out var pending)
            ? $"Function.{pending.Function}.User"
            : $"Worker.{log.Category}";
        var level = log.Level == RpcLog.Types.Level.None ? LogLevel.None : (LogLevel)(int)log.Level;
        var exception = log.Exception is { } e ? $" {e.Source}: {e.Message}{Environment.NewLine}{e.StackTrace}" : "";
        loggers.CreateLogger(category).Log(level, "{Message}{Exception}", log.Message, exception);
    }
}
