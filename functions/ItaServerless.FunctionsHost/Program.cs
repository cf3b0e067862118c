// SPDX-License-Identifier: MIT
using ItaServerless.FunctionsHost;

// dotnet ItaServerless.FunctionsHost.dll --app <published worker folder> [--port 7071]
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var options = FunctionsHostOptions.FromConfiguration(configuration);
if (!File.Exists(Path.Combine(options.AppDirectory, "worker.config.json")))
{
    Console.Error.WriteLine($"{options.AppDirectory} has no worker.config.json: pass --app <the worker's publish or build folder>.");
    return 2;
}
await HostApp.Build(options, args).RunAsync();
return 0;
