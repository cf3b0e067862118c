// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ItaServerless.Functions.Storage;
using ItaServerless.Storage;
using ItaServerless.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ItaServerless.Functions.Tests.Infra;

/// <summary>
/// infra/ as the Bicep CLI sees it: it compiles and lints clean, and the compiled ARM templates (main.bicep
/// with its module deployments, and events.bicep) describe a Flex Consumption app running dotnet-isolated
/// 10.0 with identity-only storage: the plan, functionAppConfig, the settings the app and the host read,
/// the storage hardening, the role ids, the Event Grid topic and subscription of RenderReport, and the
/// wiring to main.parameters.json, azure.yaml, the hooks and the scripts.
/// </summary>
public sealed partial class InfraTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private JsonElement App => infra.ModuleTemplate("functionapp");
    private JsonElement StorageModule => infra.ModuleTemplate("storage");
    private JsonElement IdentityModule => infra.ModuleTemplate("identity");
    private JsonElement Rbac => infra.ModuleTemplate("rbac");
    private JsonElement Site => CompiledInfra.Resource(App, "Microsoft.Web/sites");

    /// <summary>A connection string or a content share would need an account key, which the account refuses.</summary>
    public static TheoryData<string> SettingsThatMustNotBeSet => new()
    {
        "AzureWebJobsStorage",
        "AzureWebJobsDashboard",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
    };

    /// <summary>On Flex Consumption these come from functionAppConfig or do not exist; the platform rejects or ignores them.</summary>
    public static TheoryData<string> SettingsFlexConsumptionDoesNotTake => new()
    {
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "FUNCTIONS_WORKER_PROCESS_COUNT",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
    };

    private static string Literal(ArmExpression value) => Assert.IsType<ArmExpression.Text>(value).Value;

    private static string Expr(JsonElement value) => ArmExpression.Of(value).ToString();

    private static string Read(string path) => File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, path));

    private string SiteHostName => $"reference(resourceId('Microsoft.Web/sites', parameters('name')), '{Site.GetProperty("apiVersion").GetString()}').defaultHostName";

    [Fact]
    public void Main_and_events_templates_compile_without_errors_or_warnings()
    {
        Assert.True(infra.Build.ExitCode == 0 && infra.Build.Problems.Count == 0, "bicep build infra/main.bicep: " + infra.Build.Report);
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", infra.Main.GetProperty("$schema").GetString());
        Assert.True(infra.EventsBuild.ExitCode == 0 && infra.EventsBuild.Problems.Count == 0, "bicep build infra/events.bicep: " + infra.EventsBuild.Report);
        // events.bicep is deployed into the app's resource group (az deployment group create).
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", infra.Events.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Every_bicep_file_lints_clean()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.True(files.Length >= 7, $"expected main.bicep, events.bicep and their modules, found {files.Length}");
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
        // Rendering: text functions are evaluated, anything else must be known, never guessed.
        Assert.Equal("a-B-c", ArmExpression.Parse("format('{0}-{1}-{2}', 'a', parameters('x'), toLower('C'))").Render(e => e.ToString() == "parameters('x')" ? "B" : null));
        Assert.Throws<FormatException>(() => ArmExpression.Parse("format('{0}', reference('x').y)").Render(_ => null));
    }

    [Fact]
    public void The_only_plan_is_Flex_Consumption_and_the_app_runs_on_it()
    {
        // One plan in every compiled template: no Dedicated (B1) plan is left behind.
        var plan = Assert.Single(infra.AllResources, r => r.GetProperty("type").GetString() == "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("functionapp", plan.GetProperty("kind").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean(), "Flex Consumption runs on Linux (reserved)");

        Assert.Equal("functionapp,linux", Site.GetProperty("kind").GetString());
        Assert.Equal("resourceId('Microsoft.Web/serverfarms', parameters('planName'))", Expr(Site.GetProperty("properties").GetProperty("serverFarmId")));
        Assert.True(Site.GetProperty("properties").GetProperty("httpsOnly").GetBoolean());
        // Flex takes the stack from functionAppConfig and has no Always On.
        var siteConfig = Site.GetProperty("properties").GetProperty("siteConfig");
        foreach (var property in new[] { "alwaysOn", "linuxFxVersion", "netFrameworkVersion", "appSettings" })
            Assert.False(siteConfig.TryGetProperty(property, out _), $"siteConfig.{property} is set; Flex Consumption takes the runtime from functionAppConfig and the settings from sites/config");
    }

    [Fact]
    public void The_app_runs_dotnet_isolated_10_and_scales_by_functionAppConfig()
    {
        var config = Site.GetProperty("properties").GetProperty("functionAppConfig");
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());

        var scale = config.GetProperty("scaleAndConcurrency");
        Assert.Equal("parameters('maximumInstanceCount')", Expr(scale.GetProperty("maximumInstanceCount")));
        Assert.Equal("parameters('instanceMemoryMB')", Expr(scale.GetProperty("instanceMemoryMB")));
        foreach (var (name, value) in new[] { ("maximumInstanceCount", 100), ("instanceMemoryMB", 2048) })
        {
            Assert.Equal($"parameters('{name}')", infra.Passed("functionapp", name).ToString());
            Assert.Equal(value, infra.Main.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue").GetInt32());
        }
        // The instance sizes Flex Consumption offers.
        foreach (var template in new[] { infra.Main, App })
            Assert.All(template.GetProperty("parameters").GetProperty("instanceMemoryMB").GetProperty("allowedValues").EnumerateArray(),
                size => Assert.Contains(size.GetInt32(), new[] { 512, 2048, 4096 }));
    }

    [Fact]
    public void The_package_is_read_from_a_container_the_template_creates_with_the_user_assigned_identity()
    {
        var storage = Site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("format('{0}{1}', parameters('blobEndpoint'), parameters('deploymentContainerName'))", Expr(storage.GetProperty("value")));
        var authentication = storage.GetProperty("authentication");
        Assert.Equal("UserAssignedIdentity", authentication.GetProperty("type").GetString());
        Assert.Equal("parameters('identityId')", Expr(authentication.GetProperty("userAssignedIdentityResourceId")));
        Assert.False(authentication.TryGetProperty("storageAccountConnectionStringName", out _));

        // The app runs with that identity, and only with it.
        var identity = Site.GetProperty("identity");
        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        var key = Assert.Single(identity.GetProperty("userAssignedIdentities").EnumerateObject()).Name;
        Assert.Equal("ID", ArmExpression.Parse(key[1..^1]).Render(e => e.ToString() == "parameters('identityId')" ? "ID" : null));

        // main.bicep: the identity module's identity, the storage module's blob endpoint and container.
        Assert.Equal(("identity", "id"), CompiledInfra.ModuleOutputOf(infra.Passed("functionapp", "identityId")));
        CompiledInfra.Resource(IdentityModule, "Microsoft.ManagedIdentity/userAssignedIdentities");
        Assert.Equal("resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('name'))", Expr(IdentityModule.GetProperty("outputs").GetProperty("id").GetProperty("value")));
        Assert.Equal(("storage", "blobEndpoint"), CompiledInfra.ModuleOutputOf(infra.Passed("functionapp", "blobEndpoint")));
        Assert.Matches(@"^reference\(resourceId\('Microsoft\.Storage/storageAccounts', parameters\('name'\)\), '[\d-]+'\)\.primaryEndpoints\.blob$",
            Expr(StorageModule.GetProperty("outputs").GetProperty("blobEndpoint").GetProperty("value")));
        Assert.Equal(("storage", "deploymentContainerName"), CompiledInfra.ModuleOutputOf(infra.Passed("functionapp", "deploymentContainerName")));
        Assert.Equal("parameters('deploymentContainerName')", Expr(StorageModule.GetProperty("outputs").GetProperty("deploymentContainerName").GetProperty("value")));

        // The storage module creates that container, private, under a valid name.
        var container = Assert.Single(CompiledInfra.ResourcesOfType(StorageModule, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Expr(c.GetProperty("name")) == "format('{0}/{1}/{2}', parameters('name'), 'default', parameters('deploymentContainerName'))");
        Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());
        Assert.Matches("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", Literal(infra.Passed("storage", "deploymentContainerName")));
    }

    [Fact]
    public void App_settings_give_the_app_identity_based_storage_read_the_way_the_app_reads_it()
    {
        var settings = infra.AppSettings.Always;
        Assert.Equal("managedidentity", Literal(settings["AzureWebJobsStorage__credential"]));
        Assert.Equal("parameters('storageAccountName')", settings["AzureWebJobsStorage__accountName"].ToString());
        Assert.Equal("parameters('identityClientId')", settings["AzureWebJobsStorage__clientId"].ToString());
        // Only identity-based AzureWebJobsStorage settings, none a connection string.
        var allowed = new[] { "__accountName", "__credential", "__clientId", "__blobServiceUri", "__queueServiceUri", "__tableServiceUri" };
        Assert.All(settings.Keys.Where(k => k.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal)),
            k => Assert.Contains(k["AzureWebJobsStorage".Length..], allowed));
        // main.bicep passes the account the storage module creates and the client id of the app's identity.
        Assert.Equal(("storage", "name"), CompiledInfra.ModuleOutputOf(infra.Passed("functionapp", "storageAccountName")));
        Assert.Equal(("identity", "clientId"), CompiledInfra.ModuleOutputOf(infra.Passed("functionapp", "identityClientId")));
        Assert.Matches(@"^reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('name'\)\), '[\d-]+'\)\.clientId$",
            Expr(IdentityModule.GetProperty("outputs").GetProperty("clientId").GetProperty("value")));

        // The app's own registration, fed the settings as the host passes them: environment variables.
        var prefix = $"ITA_INFRA_TEST_{Guid.NewGuid():N}_";
        var stand = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage__accountName"] = "stitainfratest01",
            ["AzureWebJobsStorage__clientId"] = Guid.NewGuid().ToString(),
        };
        var values = settings.ToDictionary(kv => kv.Key, kv => kv.Value is ArmExpression.Text t ? t.Value : stand.GetValueOrDefault(kv.Key, "x"));
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
        // Telemetry with the user-assigned identity (Application Insights refuses keys).
        Assert.Equal("ClientId=CLIENT;Authorization=AAD",
            CompiledInfra.Render(App, settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], e => e.ToString() == "parameters('identityClientId')" ? "CLIENT" : null));
        Assert.Equal("parameters('adminKey')", settings["ITA_ADMIN_KEY"].ToString());
        Assert.Equal("reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), '2020-02-02').ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"].ToString());
        Assert.Equal("https://func-ita.example", CompiledInfra.Render(App, settings["Notifications__PublicBaseUrl"], e => e.ToString() == SiteHostName ? "func-ita.example" : null));
    }

    [Fact]
    public void Application_Insights_is_workspace_based_and_takes_only_Entra_ID_telemetry()
    {
        var monitoring = infra.ModuleTemplate("monitoring");
        CompiledInfra.Resource(monitoring, "Microsoft.OperationalInsights/workspaces");
        var insights = CompiledInfra.Resource(monitoring, "Microsoft.Insights/components").GetProperty("properties");
        Assert.Equal("resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))", Expr(insights.GetProperty("WorkspaceResourceId")));
        Assert.True(insights.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Equal(("monitoring", "applicationInsightsName"), CompiledInfra.ModuleOutputOf(infra.Passed("functionapp", "applicationInsightsName")));
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
        // Nowhere in the compiled templates, the optional settings included (the name within quotes: a key or a value).
        foreach (var json in new[] { infra.Json, infra.EventsJson })
        {
            Assert.DoesNotContain($"'{setting}'", json, StringComparison.Ordinal);
            Assert.DoesNotContain($"\"{setting}\"", json, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SettingsFlexConsumptionDoesNotTake))]
    public void The_app_does_not_set_what_Flex_Consumption_takes_from_functionAppConfig(string setting)
    {
        var (always, optional) = infra.AppSettings;
        Assert.DoesNotContain(setting, always.Keys.Concat(optional.Arguments[2].ObjectEntries().Keys));
        Assert.DoesNotContain(setting, infra.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_left_of_the_custom_handler_deployment()
    {
        foreach (var json in new[] { infra.Json, infra.EventsJson })
        {
            Assert.DoesNotContain("customHandler", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("'custom'", json, StringComparison.Ordinal);
            Assert.DoesNotContain("\"custom\"", json, StringComparison.Ordinal);
        }
        Assert.False(infra.Main.GetProperty("parameters").TryGetProperty("planSku", out _), "planSku chose a Dedicated size; the plan is FC1");
        Assert.DoesNotContain("--self-contained", Read("scripts/publish.sh"), StringComparison.Ordinal);
        Assert.DoesNotContain("defaultExecutablePath", Read("scripts/publish.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_refuses_shared_keys_and_public_blobs_and_no_template_reads_a_key()
    {
        var properties = CompiledInfra.Resource(StorageModule, "Microsoft.Storage/storageAccounts").GetProperty("properties");
        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.True(properties.GetProperty("defaultToOAuthAuthentication").GetBoolean());
        var containers = CompiledInfra.ResourcesOfType(StorageModule, "Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.GetProperty("properties").GetProperty("publicAccess").GetString()));

        // No list*() anywhere in main.bicep and its modules: no storage key, SAS or connection string is read.
        Assert.DoesNotContain(CompiledInfra.Expressions(infra.Main), e => e is ArmExpression.Call call && call.Name.StartsWith("list", StringComparison.OrdinalIgnoreCase));
        // events.bicep reads one thing: the Functions host's keys (the blobs_extension system key), not the account's.
        var lists = CompiledInfra.Expressions(infra.Events).OfType<ArmExpression.Call>().Where(c => c.Name.StartsWith("list", StringComparison.OrdinalIgnoreCase)).ToList();
        var list = Assert.Single(lists);
        Assert.Equal("listKeys", list.Name);
        Assert.Equal("format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName')))", list.Arguments[0].ToString());
        foreach (var json in new[] { infra.Json, infra.EventsJson })
        {
            Assert.DoesNotContain("AccountKey", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DefaultEndpointsProtocol", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Microsoft.Storage/storageAccounts/listKeys", json, StringComparison.OrdinalIgnoreCase);
        }
        // No output hands out a key (the host key is used inside events.bicep only).
        foreach (var template in new[] { infra.Main, infra.Events }.Concat(infra.Modules.Keys.Select(infra.ModuleTemplate)))
        {
            if (!template.TryGetProperty("outputs", out var outputs)) continue;
            Assert.DoesNotContain(CompiledInfra.Expressions(outputs), e => e is ArmExpression.Call call && call.Name.StartsWith("list", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("adminKey", outputs.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_identity_has_the_data_roles_on_storage_and_telemetry_before_the_app_starts()
    {
        var variables = Rbac.GetProperty("variables");
        var roles = variables.GetProperty("roles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(
            new[] { $"monitoringMetricsPublisher={MonitoringMetricsPublisher}", $"storageBlobDataOwner={StorageBlobDataOwner}", $"storageQueueDataContributor={StorageQueueDataContributor}", $"storageTableDataContributor={StorageTableDataContributor}" },
            roles.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        // The role definition ids the copy loop assigns, evaluated: blob (host, app, deployment package), queue (blob trigger), table (app).
        string? Role(ArmExpression e) =>
            e is ArmExpression.Member { Target: ArmExpression.Call { Name: "variables", Arguments: [ArmExpression.Text { Value: "roles" }] } } m ? roles.GetValueOrDefault(m.Name) : null;
        var storageRoles = variables.GetProperty("storageRoles").EnumerateArray().Select(r => CompiledInfra.Render(Rbac, r, Role)).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor }.Order(StringComparer.Ordinal), storageRoles);

        var assignments = CompiledInfra.ResourcesOfType(Rbac, "Microsoft.Authorization/roleAssignments").ToList();
        var identityStorage = assignments.Single(r => r.TryGetProperty("copy", out var copy) && copy.GetProperty("name").GetString() == "identityStorageRoles");
        Assert.Equal("length(variables('storageRoles'))", Expr(identityStorage.GetProperty("copy").GetProperty("count")));
        Assert.False(identityStorage.TryGetProperty("condition", out _), "the identity's storage roles are unconditional");
        Assert.Equal("resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))", Expr(identityStorage.GetProperty("scope")));
        Assert.Equal("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('storageRoles')[copyIndex()])", Expr(identityStorage.GetProperty("properties").GetProperty("roleDefinitionId")));
        var telemetry = assignments.Single(r => Expr(r.GetProperty("scope")) == "resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))");
        var telemetryRole = Assert.IsType<ArmExpression.Call>(ArmExpression.Of(telemetry.GetProperty("properties").GetProperty("roleDefinitionId")));
        Assert.Equal("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", telemetryRole.ToString().Split(',')[0]);
        Assert.Equal(MonitoringMetricsPublisher, CompiledInfra.Render(Rbac, telemetryRole.Arguments[1], Role));
        foreach (var assignment in new[] { identityStorage, telemetry })
        {
            var properties = assignment.GetProperty("properties");
            Assert.Equal("parameters('identityPrincipalId')", Expr(properties.GetProperty("principalId")));
            Assert.Equal("ServicePrincipal", properties.GetProperty("principalType").GetString());
        }
        // main.bicep: the app's own identity, on the account and the Application Insights the app uses.
        Assert.Equal(("identity", "principalId"), CompiledInfra.ModuleOutputOf(infra.Passed("rbac", "identityPrincipalId")));
        Assert.Equal(("storage", "name"), CompiledInfra.ModuleOutputOf(infra.Passed("rbac", "storageAccountName")));
        Assert.Equal(("monitoring", "applicationInsightsName"), CompiledInfra.ModuleOutputOf(infra.Passed("rbac", "applicationInsightsName")));
        Assert.Matches(@"^reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('name'\)\), '[\d-]+'\)\.principalId$",
            Expr(IdentityModule.GetProperty("outputs").GetProperty("principalId").GetProperty("value")));
        // The app (whose host starts at once and fetches the package) waits for the roles.
        Assert.Contains(infra.Modules["functionapp"].GetProperty("dependsOn").EnumerateArray(), d => d.GetString()!.EndsWith("'Microsoft.Resources/deployments', 'rbac')]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_storage_account_has_an_Event_Grid_system_topic()
    {
        var topic = CompiledInfra.Resource(StorageModule, "Microsoft.EventGrid/systemTopics");
        Assert.Equal("parameters('systemTopicName')", Expr(topic.GetProperty("name")));
        Assert.Equal("parameters('location')", Expr(topic.GetProperty("location")));
        Assert.Equal("resourceId('Microsoft.Storage/storageAccounts', parameters('name'))", Expr(topic.GetProperty("properties").GetProperty("source")));
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.GetProperty("properties").GetProperty("topicType").GetString());
        // Its name reaches the post-deploy step through main.bicep's outputs.
        Assert.Equal("parameters('systemTopicName')", Expr(StorageModule.GetProperty("outputs").GetProperty("systemTopicName").GetProperty("value")));
        Assert.Equal(("storage", "systemTopicName"), CompiledInfra.ModuleOutputOf(ArmExpression.Of(infra.Main.GetProperty("outputs").GetProperty("AZURE_EVENTGRID_SYSTEM_TOPIC_NAME").GetProperty("value"))));
        Assert.Equal(("functionapp", "name"), CompiledInfra.ModuleOutputOf(ArmExpression.Of(infra.Main.GetProperty("outputs").GetProperty("AZURE_FUNCTION_APP_NAME").GetProperty("value"))));
    }

    [Fact]
    public void The_event_subscription_delivers_new_report_requests_to_the_blob_extension_webhook_of_RenderReport()
    {
        var (subscription, functionName, subject) = EventSubscription();
        Assert.Equal("RenderReport", functionName);
        Assert.Equal("/blobServices/default/containers/report-requests/", subject);
        var properties = subscription.GetProperty("properties");
        Assert.Equal(new[] { "Microsoft.Storage.BlobCreated" }, properties.GetProperty("filter").GetProperty("includedEventTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("EventGridSchema", properties.GetProperty("eventDeliverySchema").GetString());
        // On the system topic main.bicep created (its name is a parameter the post-deploy step passes).
        Assert.StartsWith("TOPIC/", CompiledInfra.Render(infra.Events, subscription.GetProperty("name"), e => e.ToString() == "parameters('systemTopicName')" ? "TOPIC" : null), StringComparison.Ordinal);
        // The container exists: main.bicep has the storage module create it.
        Assert.Equal(subject.Split('/')[4], Literal(infra.Passed("storage", "reportRequestsContainerName")));
        Assert.Single(CompiledInfra.ResourcesOfType(StorageModule, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Expr(c.GetProperty("name")) == "format('{0}/{1}/{2}', parameters('name'), 'default', parameters('reportRequestsContainerName'))");
    }

    [Fact]
    public void The_event_subscription_serves_the_blob_trigger_the_app_declares()
    {
        var (_, functionName, subject) = EventSubscription();
        var triggers = BlobTriggers();
        var trigger = Assert.Single(triggers);
        Assert.Equal(functionName, trigger.Function);
        Assert.StartsWith(subject["/blobServices/default/containers/".Length..], trigger.Path, StringComparison.Ordinal);
        Assert.True(trigger.Connection is null or "AzureWebJobsStorage", $"{trigger.Function} reads blobs through {trigger.Connection}, which no app setting configures");
        // An isolated worker's trigger must take its events from Event Grid: Flex Consumption does not poll.
        Assert.Equal("EventGrid", trigger.Source);
    }

    [Fact]
    public void Modules_are_wired_to_their_declared_params_and_outputs()
    {
        var modules = infra.Modules;
        Assert.Equal(new[] { "functionapp", "identity", "monitoring", "rbac", "storage" }, modules.Keys.Order(StringComparer.Ordinal));
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
        using var file = JsonDocument.Parse(Read("infra/main.parameters.json"));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"main.parameters.json sets {p}, which main.bicep does not declare"));
        Assert.All(declared.Where(d => !d.Value.TryGetProperty("defaultValue", out _)), d => Assert.Contains(d.Key, given));

        Assert.Equal("securestring", declared["adminKey"].GetProperty("type").GetString());
        Assert.Equal("securestring", App.GetProperty("parameters").GetProperty("adminKey").GetProperty("type").GetString());
        var outputs = infra.Main.GetProperty("outputs");
        foreach (var name in new[] { "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "SERVICE_API_NAME", "SERVICE_API_URI", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" })
        {
            Assert.True(outputs.TryGetProperty(name, out _), $"main.bicep lacks output {name}");
        }
        // targetScope = 'subscription', and every resource carries the azd-env-name tag through the resource group.
        Assert.Equal("parameters('environmentName')", Expr(infra.Main.GetProperty("variables").GetProperty("tags").GetProperty("azd-env-name")));
        Assert.Equal("variables('tags')", Expr(CompiledInfra.Resource(infra.Main, "Microsoft.Resources/resourceGroups").GetProperty("tags")));
    }

    [Fact]
    public void Azure_yaml_deploys_the_worker_project_and_runs_the_Event_Grid_step_after_the_code()
    {
        var yaml = Read("azure.yaml");
        var service = Regex.Match(yaml, @"^services:\n  (\w+):\n((?:    .*\n?|\s*\n)*)", RegexOptions.Multiline);
        Assert.True(service.Success, "azure.yaml has no service");
        var body = service.Groups[2].Value;
        Assert.Contains("host: function", body, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", body, StringComparison.Ordinal);  // azd runs dotnet publish itself
        Assert.DoesNotContain("dist:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("prepackage", yaml, StringComparison.Ordinal);
        var project = Regex.Match(body, @"project: (\S+)").Groups[1].Value;
        Assert.Equal("functions/ItaServerless.Functions", project);
        Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, project, "ItaServerless.Functions.csproj")), $"azure.yaml deploys {project}, which holds no ItaServerless.Functions.csproj");

        // azd finds the app by the azd-service-name tag.
        var tags = Assert.IsType<ArmExpression.Call>(ArmExpression.Of(Site.GetProperty("tags")));
        Assert.Equal("union", tags.Name);
        Assert.Equal("parameters('tags')", tags.Arguments[0].ToString());
        Assert.Equal(service.Groups[1].Value, Literal(tags.Arguments[1].ObjectEntries()["azd-service-name"]));

        var hooks = Regex.Matches(yaml, @"^  (\w+):\n    shell: sh\n    run: bash (\S+\.sh)\n", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(new Dictionary<string, string> { ["preprovision"] = "infra/hooks/preprovision.sh", ["postdeploy"] = "infra/hooks/postdeploy.sh" }, hooks);
        foreach (var hook in hooks.Values)
        {
            var path = Path.Combine(RepoPaths.RepoRoot, hook);
            Assert.True(File.Exists(path), $"azure.yaml runs {hook}, which does not exist");
            if (!OperatingSystem.IsWindows())
                Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{hook} is not executable");
        }

        // The postdeploy hook deploys events.bicep with the parameters it declares, from main.bicep's outputs.
        var postdeploy = Read("infra/hooks/postdeploy.sh");
        Assert.Contains("--template-file infra/events.bicep", postdeploy, StringComparison.Ordinal);
        var passed = Regex.Matches(postdeploy, @"\s(\w+)=""\$\w+""").Select(m => m.Groups[1].Value).ToHashSet();
        var declared = infra.Events.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(declared.Order(StringComparer.Ordinal), passed.Order(StringComparer.Ordinal));
        var required = Regex.Matches(postdeploy, @"\$\{(AZURE_[A-Z_]+):\?").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(required);
        Assert.All(required, v => Assert.True(infra.Main.GetProperty("outputs").TryGetProperty(v, out _), $"postdeploy.sh needs {v}, which main.bicep does not output (azd passes outputs to hooks)"));
        Assert.Matches(@"systemKeys\.blobs_extension", postdeploy);  // waits for the key events.bicep reads

        // scripts/deploy.sh: zip deploy of what publish.sh builds, then the same step with the same variables.
        var deploy = Read("scripts/deploy.sh");
        var publish = Read("scripts/publish.sh");
        Assert.Contains("out=artifacts/functionapp\n", publish, StringComparison.Ordinal);
        Assert.Contains("zip -q -r -X ../functionapp.zip .", publish, StringComparison.Ordinal);
        Assert.Contains("--src artifacts/functionapp.zip", deploy, StringComparison.Ordinal);
        foreach (var file in new[] { "worker.config.json", "functions.metadata", "host.json" })
            Assert.Contains(file, publish, StringComparison.Ordinal);
        var zip = deploy.IndexOf("config-zip", StringComparison.Ordinal);
        var events = deploy.IndexOf("infra/hooks/postdeploy.sh", StringComparison.Ordinal);
        Assert.True(zip > 0 && events > zip, "deploy.sh must create the Event Grid subscription after the zip deploy");
        Assert.All(required, v => Assert.Matches($@"\b{v}=""\$\w+""", deploy));
        Assert.All(Regex.Matches(deploy, @"\$\(output (\w+)\)").Select(m => m.Groups[1].Value),
            v => Assert.True(infra.Main.GetProperty("outputs").TryGetProperty(v, out _), $"deploy.sh reads output {v}, which main.bicep lacks"));
    }

    [Fact]
    public void The_deployment_scripts_parse()
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var script in new[] { "scripts/deploy.sh", "scripts/publish.sh", "infra/hooks/preprovision.sh", "infra/hooks/postdeploy.sh" })
        {
            var start = new ProcessStartInfo("bash") { WorkingDirectory = RepoPaths.RepoRoot, RedirectStandardError = true };
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(script);
            using var bash = Process.Start(start)!;
            var errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, $"bash -n {script}: {errors}");
        }
    }

    /// <summary>The one event subscription of events.bicep, with its webhook's function name and its subject filter.</summary>
    private (JsonElement Subscription, string FunctionName, string Subject) EventSubscription()
    {
        var subscription = Assert.Single(CompiledInfra.ResourcesOfType(infra.Events, "Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var properties = subscription.GetProperty("properties");
        var destination = properties.GetProperty("destination");
        Assert.Equal("WebHook", destination.GetProperty("endpointType").GetString());

        // https://<the app's host name>/runtime/webhooks/blobs?functionName=Host.Functions.<name>&code=<blobs_extension key>
        var site = CompiledInfra.Resources(infra.Events).Count(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        Assert.Equal(0, site);  // the app is read (existing), never redeployed by this step
        var url = new Uri(CompiledInfra.Render(infra.Events, destination.GetProperty("properties").GetProperty("endpointUrl"), e => e switch
        {
            ArmExpression.Member { Name: "defaultHostName", Target: ArmExpression.Call { Name: "reference", Arguments: [var id, ..] } }
                when id.ToString() == "resourceId('Microsoft.Web/sites', parameters('functionAppName'))" => "func-ita.example",
            ArmExpression.Member { Name: "blobs_extension", Target: ArmExpression.Member { Name: "systemKeys", Target: ArmExpression.Call { Name: "listKeys", Arguments: [var keys, ..] } } }
                when keys.ToString() == "format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName')))" => "BLOBS-KEY",
            _ => null,
        }));
        Assert.Equal("https", url.Scheme);
        Assert.Equal("func-ita.example", url.Host);
        Assert.Equal("/runtime/webhooks/blobs", url.AbsolutePath);
        var query = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal(new[] { "code", "functionName" }, query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("BLOBS-KEY", query["code"]);
        Assert.StartsWith("Host.Functions.", query["functionName"], StringComparison.Ordinal);

        var subject = CompiledInfra.Render(infra.Events, properties.GetProperty("filter").GetProperty("subjectBeginsWith"));
        return (subscription, query["functionName"]["Host.Functions.".Length..], subject);
    }

    private sealed record BlobTrigger(string Function, string Path, string? Source, string? Connection);

    /// <summary>The blob triggers of the built app, as the host reads them (functions.metadata).</summary>
    private static List<BlobTrigger> BlobTriggers()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Hosting.WorkerFixture.AppDirectory, "functions.metadata")));
        return metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "blobTrigger")
                .Select(b => new BlobTrigger(f.GetProperty("name").GetString()!, b.GetProperty("path").GetString()!,
                    b.TryGetProperty("source", out var source) ? source.GetString() : null,
                    b.TryGetProperty("connection", out var connection) ? connection.GetString() : null)))
            .ToList();
    }

    [GeneratedRegex("\"(ITA_[A-Z0-9_]+)\"")]
    private static partial Regex ItaSettingName();

    // reference(…'Microsoft.Resources/deployments', 'storage'), '2025-04-01').outputs.name.value
    [GeneratedRegex(@"'Microsoft\.Resources/deployments', '(\w+)'\), '[\d-]+'\)\.outputs\.(\w+)\.value")]
    private static partial Regex ModuleOutput();
}
