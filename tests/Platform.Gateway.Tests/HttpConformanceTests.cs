using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests;

/// <summary>
/// GraphQL over HTTP conformance: the graphql-http package's server audits (audit/audit.mjs, pinned in
/// audit/package-lock.json, installed with npm ci when missing) run against the gateway; every MUST audit passes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpConformanceTests(GatewayFixture gateway, ITestOutputHelper output)
{
    sealed record AuditResult(string Id, string Name, string Status, string? Reason);

    [Fact]
    public async Task EveryMustAuditOfGraphQLHttpPasses()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "Platform.Gateway.Tests", "audit");
        if (!File.Exists(Path.Combine(folder, "node_modules", "graphql-http", "package.json")))
        {
            var install = await RunAsync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(3));
            Assert.True(install.ExitCode == 0, $"npm ci in {folder} failed:\n{install.Output}");
        }

        var run = await RunAsync("node", ["audit.mjs", gateway.Endpoint.ToString()], folder, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"the audit did not run:\n{run.Output}");
        var results = JsonSerializer.Deserialize<List<AuditResult>>(run.Stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        foreach (var group in results.GroupBy(r => r.Name.Split(' ')[0]))
            output.WriteLine($"{group.Key}: {group.Count(r => r.Status == "ok")} ok, {group.Count(r => r.Status == "warn")} warn, {group.Count(r => r.Status == "error")} error");
        foreach (var result in results)
            output.WriteLine($"[{result.Status}] {result.Id} {result.Name}{(result.Reason is null ? "" : " — " + result.Reason)}");

        var musts = results.Where(r => r.Name.StartsWith("MUST", StringComparison.Ordinal)).ToList();
        Assert.True(musts.Count >= 10, $"only {musts.Count} MUST audits ran");
        var failed = musts.Where(r => r.Status != "ok").Select(r => $"{r.Id} {r.Name}: {r.Reason}").ToList();
        Assert.True(failed.Count == 0, "MUST audits failing:\n" + string.Join("\n", failed));
    }

    sealed record ProcessResult(int ExitCode, string Stdout, string Output);

    static async Task<ProcessResult> RunAsync(string file, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stdout + await stderr);
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
