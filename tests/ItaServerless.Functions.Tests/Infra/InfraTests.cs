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
/// infra/ as the Bicep CLI sees it: it compiles and lints clean, and the compiled ARM template (main.bicep
/// with its module deployments) has the app settings the app and the Functions host read, the storage
/// hardening, the role ids, and the wiring to main.parameters.json, azure.yaml and scripts/publish.sh.
/// </summary>
public sealed partial class InfraTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
{
    private JsonElement App => infra.ModuleTemplate("functionapp");
    private JsonElement Rbac => infra.ModuleTemplate("rbac");

    /// <summary>A connection string or a content share would need an account key, which the account refuses.</summary>
    public static TheoryData<string> SettingsThatMustNotBeSet => new()
    {
        "AzureWebJobsStorage",
        "AzureWebJobsDashboard",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
    };

    private static string Literal(ArmExpression value) => Assert.IsType<ArmExpression.Text>(value).Value;

    private static string Expr(JsonElement value) => ArmExpression.Of(value).ToString();

    [Fact]
    public void Main_bicep_compiles_without_errors_or_warnings()
    {
        Assert.True(infra.Build.ExitCode == 0 && infra.Build.Problems.Count == 0, "bicep build infra/main.bicep: " + infra.Build.Report);
        Assert.EndsWith("/subscriptionDeploymentTemplate.json#", infra.Main.GetProperty("$schema").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bicep_file_lints_clean()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.True(files.Length >= 5, $"expected main.bicep and its modules, found {files.Length}");
        // Comments do not reach the compiled template: the licence header is checked on the text.
        Assert.All(files, f => Assert.StartsWith("// SPDX-License-Identifier: MIT", File.ReadAllText(f), StringComparison.Ordinal));

        var lint = BicepCli.Run("lint", "--pattern", "infra/**/*.bicep", "--no-restore");
        Assert.True(lint.ExitCode == 0 && lint.Problems.Count == 0, "bicep lint infra/**/*.bicep: " + lint.Report);
    }

    [Fact]
    public void The_checks_see_the_CLIs_warnings_and_errors()
    {
        // Guards the diagnostic parsing: were the CLI's format to change, the clean runs above would pass unseen.
        var dir = Directory.CreateTempSubdirectory("ita-bicep-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.bicep");
            File.WriteAllText(file, "param unused string\nvar broken = \n");
            var run = BicepCli.Run("build", file, "--stdout", "--no-restore");
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(run.Diagnostics, d => d is { Level: "Warning", Code: "no-unused-params", Line: 1 });
            Assert.Contains(run.Diagnostics, d => d is { Level: "Error", Line: 2 });
            Assert.Empty(run.OtherOutput);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        Assert.Equal("f(a().b[0], 'it''s', -1)", ArmExpression.Parse("f( a ( ).b[ 0 ],'it''s' , -1)").ToString());
        Assert.Throws<FormatException>(() => ArmExpression.Parse("f('open)"));
        Assert.Throws<FormatException>(() => ArmExpression.Parse("f(1, 2"));
        Assert.Throws<FormatException>(() => ArmExpression.Parse("f(1) g"));
    }

    [Fact]
    public void App_settings_give_the_app_identity_based_storage_read_the_way_the_app_reads_it()
    {
        var settings = infra.AppSettings.Always;
        Assert.Equal("managedidentity", Literal(settings["AzureWebJobsStorage__credential"]));
        Assert.Equal("parameters('storageAccountName')", settings["AzureWebJobsStorage__accountName"].ToString());
        // main.bicep passes the name of the account the storage module creates.
        Assert.EndsWith("'Microsoft.Resources/deployments', 'storage'), '2025-04-01').outputs.name.value",
            Expr(infra.Modules["functionapp"].GetProperty("properties").GetProperty("parameters").GetProperty("storageAccountName").GetProperty("value")), StringComparison.Ordinal);

        // The app's own registration, fed the settings as the host passes them: environment variables.
        var prefix = $"ITA_INFRA_TEST_{Guid.NewGuid():N}_";
        var values = settings.ToDictionary(kv => kv.Key, kv => kv.Value is ArmExpression.Text t ? t.Value : "stitainfratest01");
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
        var settings = infra.AppSettings.Always;
        foreach (var key in new[] { "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "ITA_ADMIN_KEY", "Notifications__PublicBaseUrl" })
        {
            Assert.True(settings.ContainsKey(key), $"app setting {key} is missing from functionapp.bicep");
        }
        Assert.Equal("Authorization=AAD", Literal(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]));
        Assert.Equal("parameters('adminKey')", settings["ITA_ADMIN_KEY"].ToString());
        Assert.Equal("reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), '2020-02-02').ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"].ToString());
        Assert.Equal("format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('name')), '2024-04-01').defaultHostName)", settings["Notifications__PublicBaseUrl"].ToString());
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
        var (always, optional) = infra.AppSettings;
        Assert.Equal("if(empty(parameters('sourceUrl')), createObject(), createObject('ITA_SOURCE_URL', parameters('sourceUrl')))", optional.ToString());
        var set = always.Keys.Concat(optional.Arguments[2].ObjectEntries().Keys).ToHashSet(StringComparer.Ordinal);
        Assert.All(read, key => Assert.True(set.Contains(key), $"the code reads {key} but infra/modules/functionapp.bicep never sets it"));
    }

    [Theory]
    [MemberData(nameof(SettingsThatMustNotBeSet))]
    public void The_app_does_not_set_a_keyed_storage_setting(string setting)
    {
        Assert.DoesNotContain(setting, infra.AppSettings.Always.Keys);
        // Nowhere in the compiled template, the optional settings included (the name within quotes: a key or a value).
        Assert.DoesNotContain($"'{setting}'", infra.Json, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{setting}\"", infra.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_is_a_Linux_custom_handler_on_a_plan_that_keeps_it_running()
    {
        var settings = infra.AppSettings.Always;
        Assert.Equal("custom", Literal(settings["FUNCTIONS_WORKER_RUNTIME"]));
        Assert.Equal("~4", Literal(settings["FUNCTIONS_EXTENSION_VERSION"]));
        Assert.Equal("1", Literal(settings["WEBSITE_RUN_FROM_PACKAGE"]));

        var plan = CompiledInfra.Resource(App, "Microsoft.Web/serverfarms");
        Assert.Equal("linux", plan.GetProperty("kind").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean());
        var site = CompiledInfra.Resource(App, "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal("SystemAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.True(site.GetProperty("properties").GetProperty("siteConfig").GetProperty("alwaysOn").GetBoolean());

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

        // The plan's size is planSku: every size main.bicep and the module allow is a Dedicated one (Basic, Standard, Premium v2/v3).
        var plan = CompiledInfra.Resource(App, "Microsoft.Web/serverfarms");
        Assert.Equal("parameters('planSku')", Expr(plan.GetProperty("sku").GetProperty("name")));
        Assert.False(plan.GetProperty("sku").TryGetProperty("tier", out _), "the plan's tier follows its size");
        if (pollingBlob)
        {
            foreach (var template in new[] { infra.Main, App })
            {
                Assert.All(template.GetProperty("parameters").GetProperty("planSku").GetProperty("allowedValues").EnumerateArray(),
                    sku => Assert.Matches("^(B[1-3]|S[1-3]|P[1-3]v2|P[0-3]v3)$", sku.GetString()));
            }
        }
        if (pollingBlob || timer)
            Assert.True(CompiledInfra.Resource(App, "Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("alwaysOn").GetBoolean());
    }

    [Fact]
    public void Storage_refuses_shared_keys_and_public_blobs()
    {
        var properties = CompiledInfra.Resource(infra.ModuleTemplate("storage"), "Microsoft.Storage/storageAccounts").GetProperty("properties");
        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.True(properties.GetProperty("defaultToOAuthAuthentication").GetBoolean());

        // Nothing in the compiled template (every module) reads or hands out a key.
        Assert.DoesNotContain("listKeys(", infra.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", infra.Json, StringComparison.Ordinal);
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
        var variables = Rbac.GetProperty("variables");
        var roles = variables.GetProperty("roles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(builtIn.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"), roles.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"));

        var storageRoles = variables.GetProperty("storageRoles").EnumerateArray().Select(r => Assert.IsType<ArmExpression.Member>(ArmExpression.Of(r)))
            .Select(m => { Assert.Equal("variables('roles')", m.Target.ToString()); return m.Name; });
        Assert.Equal(new[] { "storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor" }, storageRoles.Order());

        var assignments = CompiledInfra.Resources(Rbac).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments").ToList();
        var appStorage = assignments.Single(r => r.TryGetProperty("copy", out var copy) && copy.GetProperty("name").GetString() == "appStorageRoles");
        Assert.Equal("length(variables('storageRoles'))", Expr(appStorage.GetProperty("copy").GetProperty("count")));
        Assert.False(appStorage.TryGetProperty("condition", out _), "the app's storage roles are unconditional");
        Assert.Equal("resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))", Expr(appStorage.GetProperty("scope")));
        Assert.Equal("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('storageRoles')[copyIndex()])", Expr(appStorage.GetProperty("properties").GetProperty("roleDefinitionId")));
        var telemetry = assignments.Single(r => Expr(r.GetProperty("scope")) == "resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))");
        Assert.Equal("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').monitoringMetricsPublisher)", Expr(telemetry.GetProperty("properties").GetProperty("roleDefinitionId")));
        foreach (var assignment in new[] { appStorage, telemetry })
        {
            var properties = assignment.GetProperty("properties");
            Assert.Equal("parameters('appPrincipalId')", Expr(properties.GetProperty("principalId")));
            Assert.Equal("ServicePrincipal", properties.GetProperty("principalType").GetString());
        }
        // main.bicep hands the app's own identity to the role module.
        Assert.EndsWith("'Microsoft.Resources/deployments', 'functionapp'), '2025-04-01').outputs.principalId.value",
            Expr(infra.Modules["rbac"].GetProperty("properties").GetProperty("parameters").GetProperty("appPrincipalId").GetProperty("value")), StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_are_wired_to_their_declared_params_and_outputs()
    {
        var modules = infra.Modules;
        Assert.Equal(new[] { "functionapp", "monitoring", "rbac", "storage" }, modules.Keys.Order());
        foreach (var (name, deployment) in modules)
        {
            var declared = deployment.GetProperty("properties").GetProperty("template").GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
            var passed = deployment.GetProperty("properties").GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.All(passed, p => Assert.True(declared.ContainsKey(p), $"main.bicep passes {p} to module {name}, which does not declare it"));
            Assert.All(declared.Where(d => !d.Value.TryGetProperty("defaultValue", out _)), d => Assert.True(passed.Contains(d.Key), $"main.bicep does not pass required {d.Key} to module {name}"));
        }
        var reads = ModuleOutput().Matches(infra.Json);
        Assert.NotEmpty(reads);
        foreach (Match m in reads)
        {
            var (module, output) = (m.Groups[1].Value, m.Groups[2].Value);
            Assert.True(modules.ContainsKey(module), $"main.bicep reads outputs of unknown module {module}");
            Assert.True(modules[module].GetProperty("properties").GetProperty("template").GetProperty("outputs").TryGetProperty(output, out _), $"module {module} has no output {output}");
        }
    }

    [Fact]
    public void Parameters_file_and_outputs_match_what_azd_expects()
    {
        var declared = infra.Main.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "infra/main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"main.parameters.json sets {p}, which main.bicep does not declare"));
        Assert.All(declared.Where(d => !d.Value.TryGetProperty("defaultValue", out _)), d => Assert.Contains(d.Key, given));

        Assert.Equal("securestring", declared["adminKey"].GetProperty("type").GetString());
        Assert.Equal("securestring", App.GetProperty("parameters").GetProperty("adminKey").GetProperty("type").GetString());
        var outputs = infra.Main.GetProperty("outputs");
        Assert.All(outputs.EnumerateObject(), o => Assert.DoesNotContain("adminKey", o.Value.GetRawText(), StringComparison.Ordinal));
        foreach (var name in new[] { "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "SERVICE_API_NAME", "SERVICE_API_URI" })
        {
            Assert.True(outputs.TryGetProperty(name, out _), $"main.bicep lacks output {name}");
        }
        // targetScope = 'subscription', and every resource carries the azd-env-name tag through the resource group.
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", infra.Main.GetProperty("$schema").GetString());
        Assert.Equal("parameters('environmentName')", Expr(infra.Main.GetProperty("variables").GetProperty("tags").GetProperty("azd-env-name")));
        Assert.Equal("variables('tags')", Expr(CompiledInfra.Resource(infra.Main, "Microsoft.Resources/resourceGroups").GetProperty("tags")));
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
        var tags = Assert.IsType<ArmExpression.Call>(ArmExpression.Of(CompiledInfra.Resource(App, "Microsoft.Web/sites").GetProperty("tags")));
        Assert.Equal("union", tags.Name);
        Assert.Equal("parameters('tags')", tags.Arguments[0].ToString());
        Assert.Equal(service.Groups[1].Value, Literal(tags.Arguments[1].ObjectEntries()["azd-service-name"]));

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

    // reference(…'Microsoft.Resources/deployments', 'storage'), '2025-04-01').outputs.name.value
    [GeneratedRegex(@"'Microsoft\.Resources/deployments', '(\w+)'\), '[\d-]+'\)\.outputs\.(\w+)\.value")]
    private static partial Regex ModuleOutput();
}
