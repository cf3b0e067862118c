// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.RegularExpressions;
using ItaServerless.Functions.Storage;
using ItaServerless.Storage;
using ItaServerless.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ItaServerless.Functions.Tests.Infra;

/// <summary>
/// What can be checked of infra/ without Azure or a Bicep compiler: the app settings against what
/// the app and the Functions host read, the storage hardening, the role ids, and the wiring
/// between main.bicep, its modules, main.parameters.json, azure.yaml and scripts/publish.sh.
/// </summary>
public sealed partial class InfraTests
{
    // Read per use (small files), so a malformed file fails its own tests with its line, not the type initializer.
    private static BicepSource Main => BicepSource.Load("infra/main.bicep");
    private static BicepSource App => BicepSource.Load("infra/modules/functionapp.bicep");
    private static BicepSource StorageBicep => BicepSource.Load("infra/modules/storage.bicep");
    private static BicepSource Rbac => BicepSource.Load("infra/modules/rbac.bicep");

    private static IReadOnlyDictionary<string, string> AppSettings => App.ObjectAfter(@"^var appSettings = ").Entries();

    /// <summary>A connection string or a content share would need an account key, which the account refuses.</summary>
    public static TheoryData<string> SettingsThatMustNotBeSet => new()
    {
        "AzureWebJobsStorage",
        "AzureWebJobsDashboard",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
    };

    [Fact]
    public void Every_bicep_file_is_well_formed_for_the_checker()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.True(files.Length >= 5, $"expected main.bicep and its modules, found {files.Length}");
        foreach (var file in files)
        {
            var source = BicepSource.Load(Path.GetRelativePath(RepoPaths.RepoRoot, file));
            Assert.StartsWith("// SPDX-License-Identifier: MIT", source.Text, StringComparison.Ordinal);
        }
        Assert.Throws<FormatException>(() => BicepSource.Parse("var x = {\n  a: 'b'\n"));
        Assert.Throws<FormatException>(() => BicepSource.Parse("var x = 'open\n"));
        Assert.Throws<FormatException>(() => BicepSource.Parse("var x = [\n  1\n}"));
    }

    [Fact]
    public void App_settings_give_the_app_identity_based_storage_read_the_way_the_app_reads_it()
    {
        var settings = AppSettings;
        Assert.Equal("managedidentity", BicepSource.Literal(settings["AzureWebJobsStorage__credential"]));
        Assert.Equal("storage.name", settings["AzureWebJobsStorage__accountName"]);

        // The app's own registration, fed the settings as the host passes them: environment variables.
        var prefix = $"ITA_INFRA_TEST_{Guid.NewGuid():N}_";
        var values = settings.ToDictionary(kv => kv.Key, kv => BicepSource.Literal(kv.Value) ?? "stitainfratest01");
        try
        {
            foreach (var (key, value) in values) Environment.SetEnvironmentVariable(prefix + key, value);
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRuntimeStorage().BuildServiceProvider();
            var account = services.GetRequiredService<StorageAccount>();
            Assert.Equal(new Uri("https://stitainfratest01.blob.core.windows.net"), account.Blobs.Uri);
            Assert.Equal(new Uri("https://stitainfratest01.table.core.windows.net"), account.Tables.Uri);
            Assert.False(account.Blobs.CanGenerateAccountSasUri);  // no shared key anywhere
        }
        finally
        {
            foreach (var key in values.Keys) Environment.SetEnvironmentVariable(prefix + key, null);
        }
    }

    [Fact]
    public void App_settings_cover_what_the_host_and_the_app_need_in_Azure()
    {
        var settings = AppSettings;
        foreach (var key in new[] { "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "ITA_ADMIN_KEY", "Notifications__PublicBaseUrl" })
        {
            Assert.True(settings.ContainsKey(key), $"app setting {key} is missing from functionapp.bicep");
        }
        Assert.Equal("Authorization=AAD", BicepSource.Literal(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]));
        Assert.Equal("adminKey", settings["ITA_ADMIN_KEY"]);
        Assert.Equal("'https://${site.properties.defaultHostName}'", settings["Notifications__PublicBaseUrl"]);
    }

    [Fact]
    public void Every_ITA_setting_the_code_reads_is_set_by_the_infrastructure()
    {
        var read = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "functions", "core" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.RepoRoot, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")) continue;
                foreach (Match m in ItaSettingName().Matches(File.ReadAllText(file))) read.Add(m.Groups[1].Value);
            }
        }
        Assert.Contains("ITA_ADMIN_KEY", read);
        Assert.Contains("ITA_SOURCE_URL", read);

        // ITA_SOURCE_URL is added only when given, so the app keeps its built-in address otherwise.
        var configured = App.ObjectAfter(@"^resource siteSettings ").Entries()["properties"];
        var set = AppSettings.Keys.Concat(Regex.Matches(configured, @"(\w+):").Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.All(read, key => Assert.True(set.Contains(key), $"the code reads {key} but infra/modules/functionapp.bicep never sets it"));
        Assert.Contains("ITA_SOURCE_URL: sourceUrl", configured, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SettingsThatMustNotBeSet))]
    public void The_app_does_not_set_a_keyed_storage_setting(string setting)
    {
        Assert.DoesNotContain(setting, AppSettings.Keys);
        Assert.DoesNotContain($"{setting}:", App.ObjectAfter(@"^resource siteSettings ").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_is_a_Linux_custom_handler_on_a_plan_that_keeps_it_running()
    {
        var settings = AppSettings;
        Assert.Equal("custom", BicepSource.Literal(settings["FUNCTIONS_WORKER_RUNTIME"]));
        Assert.Equal("~4", BicepSource.Literal(settings["FUNCTIONS_EXTENSION_VERSION"]));
        Assert.Equal("1", BicepSource.Literal(settings["WEBSITE_RUN_FROM_PACKAGE"]));

        var plan = App.ObjectAfter(@"^resource plan ");
        Assert.Equal("linux", BicepSource.Literal(plan.Entries()["kind"]));
        Assert.StartsWith("true", plan.ObjectAfter(@"^\s*properties: ").Entries()["reserved"], StringComparison.Ordinal);
        var site = App.ObjectAfter(@"^resource site ");
        Assert.Equal("functionapp,linux", BicepSource.Literal(site.Entries()["kind"]));
        Assert.Equal("SystemAssigned", BicepSource.Literal(site.ObjectAfter(@"^\s*identity: ").Entries()["type"]));
        Assert.Equal("true", site.ObjectAfter(@"^\s*siteConfig: ").Entries()["alwaysOn"]);

        // host.json names the executable that publish.sh puts at the package root.
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "host.json")));
        Assert.Equal("ItaServerless.Functions", host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString());
    }

    [Fact]
    public void Every_trigger_the_app_declares_can_fire_on_the_chosen_plan()
    {
        // Flex Consumption fires only Event Grid blob triggers, and without Always On a Dedicated plan
        // idles: timers and polling blob triggers would stop. This guards a change of plan or trigger.
        var functions = Path.Combine(RepoPaths.RepoRoot, "functions/ItaServerless.Functions/Functions");
        var triggers = Directory.GetFiles(functions, "function.json", SearchOption.AllDirectories)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)))
            .ToList();
        Assert.Contains(triggers, t => t.GetProperty("type").GetString() == "httpTrigger");
        var pollingBlob = triggers.Any(t => t.GetProperty("type").GetString() == "blobTrigger"
            && !(t.TryGetProperty("source", out var source) && source.GetString() == "EventGrid"));
        var timer = triggers.Any(t => t.GetProperty("type").GetString() == "timerTrigger");
        var plan = App.ObjectAfter(@"^resource plan ").Text;
        if (pollingBlob) Assert.DoesNotContain("FlexConsumption", plan, StringComparison.Ordinal);
        if (pollingBlob || timer) Assert.Equal("true", App.ObjectAfter(@"^resource site ").ObjectAfter(@"^\s*siteConfig: ").Entries()["alwaysOn"]);
    }

    [Fact]
    public void Storage_refuses_shared_keys_and_public_blobs()
    {
        var properties = StorageBicep.ObjectAfter(@"^resource storage ").ObjectAfter(@"^\s*properties: ").Entries();
        Assert.Equal("false", properties["allowSharedKeyAccess"]);
        Assert.Equal("false", properties["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", BicepSource.Literal(properties["minimumTlsVersion"]));
        Assert.Equal("true", properties["supportsHttpsTrafficOnly"]);
        Assert.Equal("true", properties["defaultToOAuthAuthentication"]);

        // Nothing in infra/ reads or hands out a key.
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "infra"), "*.bicep", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("listKeys(", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountKey=", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Role_ids_are_the_documented_built_in_roles_and_cover_host_and_app()
    {
        var builtIn = new Dictionary<string, string>
        {
            ["storageBlobDataOwner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            ["storageQueueDataContributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            ["storageTableDataContributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            ["monitoringMetricsPublisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        };
        var roles = Rbac.ObjectAfter(@"^var roles = ").Entries().ToDictionary(kv => kv.Key, kv => BicepSource.Literal(kv.Value));
        Assert.Equal(builtIn.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"), roles.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"));

        var storageRoles = Regex.Matches(Rbac.ObjectAfter(@"^var storageRoles = ").Text, @"roles\.(\w+)").Select(m => m.Groups[1].Value);
        Assert.Equal(new[] { "storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor" }, storageRoles.Order());

        var appStorage = Rbac.ObjectAfter(@"^resource appStorageRoles ");
        Assert.Matches(@"^\s*scope: storage\s*$", appStorage.Text.Split('\n').Single(l => l.TrimStart().StartsWith("scope:", StringComparison.Ordinal)));
        var telemetry = Rbac.ObjectAfter(@"^resource appTelemetryRole ");
        Assert.Contains("roles.monitoringMetricsPublisher", telemetry.Text, StringComparison.Ordinal);
        foreach (var assignment in new[] { appStorage, telemetry })
        {
            var properties = assignment.ObjectAfter(@"^\s*properties: ").Entries();
            Assert.Equal("appPrincipalId", properties["principalId"]);
            Assert.Equal("ServicePrincipal", BicepSource.Literal(properties["principalType"]));
        }
        // main.bicep hands the app's own identity to the role module.
        Assert.Contains("appPrincipalId: app.outputs.principalId", Main.Modules()["rbac"].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_are_wired_to_their_declared_params_and_outputs()
    {
        var modules = Main.Modules();
        Assert.Equal(new[] { "app", "monitoring", "rbac", "storage" }, modules.Keys.Order());
        var loaded = modules.ToDictionary(kv => kv.Key, kv => BicepSource.Load(Path.Combine("infra", kv.Value.Path)));
        foreach (var (name, (_, body)) in modules)
        {
            var module = loaded[name];
            var declared = module.Params();
            var passed = BicepSource.Parse(body).ObjectAfter(@"^\s*params: ").Entries().Keys.ToHashSet();
            Assert.All(passed, p => Assert.True(declared.ContainsKey(p), $"main.bicep passes {p} to {module.Path}, which does not declare it"));
            Assert.All(declared.Where(d => !d.Value.HasDefault), d => Assert.True(passed.Contains(d.Key), $"main.bicep does not pass required {d.Key} to {module.Path}"));
        }
        foreach (Match m in Regex.Matches(Main.Masked, @"\b(\w+)\.outputs\.(\w+)"))
        {
            var (module, output) = (m.Groups[1].Value, m.Groups[2].Value);
            Assert.True(loaded.ContainsKey(module), $"main.bicep reads outputs of unknown module {module}");
            Assert.True(loaded[module].Outputs().ContainsKey(output), $"{loaded[module].Path} has no output {output}");
        }
    }

    [Fact]
    public void Parameters_file_and_outputs_match_what_azd_expects()
    {
        var declared = Main.Params();
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "infra/main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"main.parameters.json sets {p}, which main.bicep does not declare"));
        Assert.All(declared.Where(d => !d.Value.HasDefault), d => Assert.Contains(d.Key, given));

        Assert.True(declared["adminKey"].Secure, "adminKey must be @secure()");
        Assert.True(App.Params()["adminKey"].Secure, "the module's adminKey must be @secure()");
        var outputs = Main.Outputs();
        Assert.All(outputs.Values, v => Assert.DoesNotContain("adminKey", v, StringComparison.Ordinal));
        foreach (var name in new[] { "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "SERVICE_API_NAME", "SERVICE_API_URI" })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep lacks output {name}");
        }
        Assert.Equal("'subscription'", Regex.Match(Main.Text, @"^targetScope = (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim());
        Assert.Contains("'azd-env-name': environmentName", Main.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_deploys_the_package_that_publish_builds()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "azure.yaml"));
        var service = Regex.Match(yaml, @"^services:\n  (\w+):\n((?:    .*\n?|\s*\n)*)", RegexOptions.Multiline);
        Assert.True(service.Success, "azure.yaml has no service");
        var body = service.Groups[2].Value;
        Assert.Contains("host: function", body, StringComparison.Ordinal);
        Assert.Contains("language: custom", body, StringComparison.Ordinal);
        Assert.Contains("run: bash scripts/publish.sh", body, StringComparison.Ordinal);
        var dist = Regex.Match(body, @"dist: (\S+)").Groups[1].Value;
        Assert.Contains($"out={dist}\n", File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "scripts/publish.sh")), StringComparison.Ordinal);

        // azd finds the app by the azd-service-name tag.
        Assert.Contains($"'azd-service-name': '{service.Groups[1].Value}'", App.Text, StringComparison.Ordinal);

        var hooks = Regex.Matches(yaml, @"run: bash (\S+\.sh)");
        Assert.Equal(2, hooks.Count);  // preprovision (admin key) and prepackage (publish)
        foreach (Match hook in hooks)
        {
            var path = Path.Combine(RepoPaths.RepoRoot, hook.Groups[1].Value);
            Assert.True(File.Exists(path), $"azure.yaml runs {hook.Groups[1].Value}, which does not exist");
            if (!OperatingSystem.IsWindows())
                Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{hook.Groups[1].Value} is not executable");
        }
    }

    [GeneratedRegex("\"(ITA_[A-Z0-9_]+)\"")]
    private static partial Regex ItaSettingName();
}
