// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Storage;

namespace ItaServerless.FunctionsHost.Keys;

public sealed record Key(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("encrypted")] bool Encrypted);

/// <summary>azure-webjobs-secrets/{hostId}/host.json, in the host's shape.</summary>
public sealed record HostSecrets(
    [property: JsonPropertyName("masterKey")] Key MasterKey,
    [property: JsonPropertyName("functionKeys")] IReadOnlyList<Key> FunctionKeys,
    [property: JsonPropertyName("systemKeys")] IReadOnlyList<Key> SystemKeys,
    [property: JsonPropertyName("source")] string Source);

/// <summary>azure-webjobs-secrets/{hostId}/{function}.json, in the host's shape.</summary>
public sealed record FunctionSecrets(
    [property: JsonPropertyName("keys")] IReadOnlyList<Key> Keys,
    [property: JsonPropertyName("source")] string Source);

/// <summary>
/// The master key and function keys, kept where the host's blob secret repository keeps them and
/// created on first use ("default" keys). ITA_ADMIN_KEY, when set, is the master key instead.
/// Keys come in x-functions-key or ?code=, as for the host.
/// </summary>
public sealed class KeyStore(FunctionsHostOptions options, RuntimeBlobStore store)
{
    public const string KeyHeader = "x-functions-key";

    public async Task<string> MasterKeyAsync(CancellationToken cancellationToken) =>
        options.MasterKey ?? (await HostSecretsAsync(cancellationToken)).MasterKey.Value;

    public Task<HostSecrets> HostSecretsAsync(CancellationToken cancellationToken) =>
        store.GetOrCreateJsonAsync(RuntimePaths.SecretsContainer, RuntimePaths.HostSecrets(options.HostId),
            () => new HostSecrets(new Key("master", NewKey(), false), [new Key("default", NewKey(), false)], [], "runtime"), cancellationToken);

    public Task<FunctionSecrets> FunctionSecretsAsync(string function, CancellationToken cancellationToken) =>
        store.GetOrCreateJsonAsync(RuntimePaths.SecretsContainer, RuntimePaths.FunctionSecrets(options.HostId, function),
            () => new FunctionSecrets([new Key("default", NewKey(), false)], "runtime"), cancellationToken);

    /// <summary>Anonymous: anyone. Function: a key of the function, a host key or the master key. Admin: the master key.</summary>
    public async Task<bool> IsAuthorizedAsync(HttpRequest request, AuthLevel level, string? function, CancellationToken cancellationToken)
    {
        if (level == AuthLevel.Anonymous) return true;
        var given = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(given)) return false;
        if (Same(given, await MasterKeyAsync(cancellationToken))) return true;
        if (level == AuthLevel.Admin || function is null) return false;
        var keys = (await HostSecretsAsync(cancellationToken)).FunctionKeys.Concat((await FunctionSecretsAsync(function, cancellationToken)).Keys);
        // Encrypted keys were written by a real host with its own machine key: not usable here.
        return keys.Any(k => !k.Encrypted && Same(given, k.Value));
    }

    private static bool Same(string given, string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
