// SPDX-License-Identifier: MIT
using System.Diagnostics;
using ItaServerless.FunctionsHost.Grpc;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ItaServerless.FunctionsHost.Functions;

public sealed record InvocationOutcome(string InvocationId, bool Succeeded, string? Error);

/// <summary>
/// The functions of the running worker and the one way to invoke them: waits for a ready worker
/// (one that is restarting is waited for), sends the InvocationRequest and logs
/// "Executing"/"Executed" lines like the host.
/// </summary>
public sealed class FunctionDispatcher(FunctionsHostOptions options, ILogger<FunctionDispatcher> logger)
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<WorkerChannel> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<HostFunction> _functions = [];

    /// <summary>Raised when a worker has loaded its functions (again after each restart).</summary>
    public event Action<IReadOnlyList<HostFunction>>? Loaded;

    /// <summary>Completes when a worker has loaded its functions for the first time.</summary>
    public Task FirstLoad => _firstLoad.Task;

    public bool IsReady
    {
        get { lock (_gate) return _ready.Task.IsCompletedSuccessfully; }
    }

    public IReadOnlyList<HostFunction> Functions
    {
        get { lock (_gate) return _functions; }
    }

    public HostFunction? Find(string name) => Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public void Publish(WorkerChannel channel, IReadOnlyList<HostFunction> functions)
    {
        lock (_gate)
        {
            _functions = functions;
            if (!_ready.TrySetResult(channel))
            {
                _ready = new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ready.SetResult(channel);
            }
        }
        Loaded?.Invoke(functions);
        _firstLoad.TrySetResult();
    }

    /// <summary>The worker is gone: invocations wait for the next one.</summary>
    public void Withdraw(WorkerChannel channel)
    {
        lock (_gate)
        {
            if (_ready.Task.IsCompletedSuccessfully && _ready.Task.Result == channel)
                _ready = new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public Task<WorkerChannel> WhenReadyAsync(CancellationToken cancellationToken)
    {
        Task<WorkerChannel> ready;
        lock (_gate) ready = _ready.Task;
        return ready.WaitAsync(options.WorkerReadyTimeout, cancellationToken);
    }

    /// <summary>Invokes <paramref name="function"/>; a failed or lost invocation is an outcome, not an exception.</summary>
    public async Task<InvocationOutcome> InvokeAsync(
        HostFunction function, string reason, IEnumerable<ParameterBinding> inputs, IDictionary<string, TypedData>? triggerMetadata,
        CancellationToken cancellationToken, string? invocationId = null, WorkerChannel? channel = null)
    {
        invocationId ??= Guid.NewGuid().ToString();
        var clock = Stopwatch.StartNew();
        logger.LogInformation("Executing 'Functions.{Function}' (Reason='{Reason}', Id={InvocationId})", function.Name, reason, invocationId);
        string? error;
        try
        {
            channel ??= await WhenReadyAsync(cancellationToken);
            var request = new InvocationRequest
            {
                InvocationId = invocationId,
                FunctionId = channel.FunctionId(function.Name) ?? throw new InvalidOperationException($"The worker has no function {function.Name}."),
                // The worker dereferences the trace context of every invocation.
                TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00", TraceState = "" },
            };
            request.InputData.AddRange(inputs);
            if (triggerMetadata is not null) request.TriggerMetadata.Add(triggerMetadata);
            var response = await channel.InvokeAsync(function.Name, request, cancellationToken);
            error = response.Result.Status == StatusResult.Types.Status.Success ? null : response.Result.Exception?.Message ?? response.Result.Status.ToString();
        }
        catch (Exception e) when (e is WorkerGoneException or TimeoutException or InvalidOperationException)
        {
            error = e.Message;
        }
        if (error is null)
            logger.LogInformation("Executed 'Functions.{Function}' (Succeeded, Id={InvocationId}, Duration={Duration}ms)", function.Name, invocationId, clock.ElapsedMilliseconds);
        else
            logger.LogError("Executed 'Functions.{Function}' (Failed, Id={InvocationId}, Duration={Duration}ms): {Error}", function.Name, invocationId, clock.ElapsedMilliseconds, error);
        return new InvocationOutcome(invocationId, error is null, error);
    }
}
