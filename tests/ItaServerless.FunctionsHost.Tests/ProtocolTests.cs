// SPDX-License-Identifier: MIT
using System.Reflection;
using System.Runtime.Loader;
using Google.Protobuf.Reflection;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ItaServerless.FunctionsHost.Tests;

/// <summary>The vendored protos are the protocol of the worker the app pins: an upgrade that changes it fails here.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public void The_vendored_protocol_matches_the_workers_grpc_assembly()
    {
        var theirs = WorkerDescriptors();
        var ours = Flatten(FunctionRpcReflection.Descriptor).ToDictionary(f => f.Name, f => f.ToProto());

        Assert.Equal(theirs.Keys.Order(), ours.Keys.Where(k => !k.StartsWith("google/", StringComparison.Ordinal)).Order());
        foreach (var (file, proto) in theirs)
        {
            var expected = Signature(proto).ToList();
            var actual = Signature(ours[file]).ToList();
            Assert.True(expected.SequenceEqual(actual),
                $"{file} differs. Only in the worker: {string.Join("; ", expected.Except(actual))}. Only vendored: {string.Join("; ", actual.Except(expected))}");
        }
    }

    /// <summary>
    /// FunctionRpc.proto and its imports as compiled into the sample worker's Microsoft.Azure.Functions.Worker.Grpc.dll
    /// (internal types), loaded apart so that its own Google.Protobuf is used.
    /// </summary>
    private static Dictionary<string, FileDescriptorProto> WorkerDescriptors()
    {
        var context = new WorkerLoadContext(HostFixture.WorkerDirectory);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.Combine(HostFixture.WorkerDirectory, "Microsoft.Azure.Functions.Worker.Grpc.dll"));
            var reflection = assembly.GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection", throwOnError: true)!;
            var root = reflection.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
            var files = new Dictionary<string, FileDescriptorProto>();
            var pending = new Stack<object>([root]);
            while (pending.TryPop(out var descriptor))
            {
                var type = descriptor.GetType();
                var name = (string)type.GetProperty("Name")!.GetValue(descriptor)!;
                if (name.StartsWith("google/", StringComparison.Ordinal) || files.ContainsKey(name)) continue;
                var data = type.GetProperty("SerializedData")!.GetValue(descriptor)!;
                files[name] = FileDescriptorProto.Parser.ParseFrom((byte[])data.GetType().GetMethod("ToByteArray")!.Invoke(data, null)!);
                foreach (var dependency in (System.Collections.IEnumerable)type.GetProperty("Dependencies")!.GetValue(descriptor)!) pending.Push(dependency);
            }
            return files;
        }
        finally
        {
            context.Unload();
        }
    }

    private static IEnumerable<FileDescriptor> Flatten(FileDescriptor file) => file.Dependencies.SelectMany(Flatten).Prepend(file).DistinctBy(f => f.Name);

    /// <summary>Every message, field, enum value and rpc, with what makes it wire-compatible.</summary>
    private static IEnumerable<string> Signature(FileDescriptorProto file) =>
        file.MessageType.SelectMany(m => Message(m, $"{file.Package}."))
            .Concat(file.EnumType.SelectMany(e => Enum(e, $"{file.Package}.")))
            .Concat(file.Service.SelectMany(s => s.Method.Select(m => $"rpc {s.Name}.{m.Name}({(m.ClientStreaming ? "stream " : "")}{m.InputType}) returns ({(m.ServerStreaming ? "stream " : "")}{m.OutputType})")))
            .Append($"package {file.Package}; csharp_namespace {file.Options?.CsharpNamespace}")
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Message(DescriptorProto message, string scope)
    {
        var name = scope + message.Name;
        yield return $"message {name}";
        foreach (var f in message.Field)
            yield return $"field {name}.{f.Name} = {f.Number} {f.Label} {f.Type} {f.TypeName} oneof:{(f.HasOneofIndex ? message.OneofDecl[f.OneofIndex].Name : "-")}";
        foreach (var line in message.NestedType.SelectMany(n => Message(n, name + ".")).Concat(message.EnumType.SelectMany(e => Enum(e, name + ".")))) yield return line;
    }

    private static IEnumerable<string> Enum(EnumDescriptorProto e, string scope) =>
        e.Value.Select(v => $"enum {scope}{e.Name}.{v.Name} = {v.Number}");

    private sealed class WorkerLoadContext(string directory) : AssemblyLoadContext("worker-grpc", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
