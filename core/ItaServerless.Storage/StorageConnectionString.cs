// SPDX-License-Identifier: AGPL-3.0-or-later
namespace ItaServerless.Storage;

/// <summary>
/// A parsed storage connection string: <c>UseDevelopmentStorage=true</c>,
/// <c>DefaultEndpointsProtocol=https;AccountName=..;AccountKey=..;EndpointSuffix=..</c>,
/// or explicit <c>BlobEndpoint=</c>/<c>TableEndpoint=</c> with <c>AccountName</c>/<c>AccountKey</c>.
/// </summary>
public sealed class StorageConnectionString
{
    /// <summary>Azurite's well-known development account (public, documented by Microsoft).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(Uri blobEndpoint, Uri tableEndpoint, StorageSharedKeyCredential credential)
    {
        BlobEndpoint = blobEndpoint;
        TableEndpoint = tableEndpoint;
        Credential = credential;
    }

    public Uri BlobEndpoint { get; }
    public Uri TableEndpoint { get; }
    public StorageSharedKeyCredential Credential { get; }
    public string AccountName => Credential.AccountName;

    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"Connection string segment without '=': '{Redact(part)}'.");
            }
            settings[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            return new StorageConnectionString(
                new Uri("http://127.0.0.1:10000/" + DevelopmentAccountName),
                new Uri("http://127.0.0.1:10002/" + DevelopmentAccountName),
                new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey));
        }

        if (!settings.TryGetValue("AccountName", out var account) || string.IsNullOrEmpty(account))
        {
            throw new FormatException("Connection string has no AccountName.");
        }
        if (!settings.TryGetValue("AccountKey", out var key) || string.IsNullOrEmpty(key))
        {
            throw new FormatException("Connection string has no AccountKey (SAS-only connection strings are not supported).");
        }
        var credential = new StorageSharedKeyCredential(account, key);
        string protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        string suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");

        Uri Endpoint(string explicitKey, string service) =>
            settings.TryGetValue(explicitKey, out var explicitValue) && !string.IsNullOrEmpty(explicitValue)
                ? new Uri(explicitValue.TrimEnd('/'))
                : new Uri($"{protocol}://{account}.{service}.{suffix}");

        return new StorageConnectionString(Endpoint("BlobEndpoint", "blob"), Endpoint("TableEndpoint", "table"), credential);
    }

    private static string Redact(string part) =>
        part.StartsWith("AccountKey", StringComparison.OrdinalIgnoreCase) ? "AccountKey=***" : part;
}
