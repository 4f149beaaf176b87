using System.Diagnostics;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>Runs the real kubectl binary against a KubeSim kubeconfig.</summary>
public sealed class Kubectl(string kubeconfigPath, string cacheDirectory)
{
    public const string BinaryPath = "/usr/bin/kubectl";

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        if (!File.Exists(BinaryPath))
        {
            Assert.Fail($"kubectl is required for these tests but {BinaryPath} does not exist; install kubectl.");
        }
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--kubeconfig", kubeconfigPath, "--cache-dir", cacheDirectory }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within 60s");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs kubectl and fails the test (showing its output) unless it exits 0.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {result}");
        return result.Output;
    }
}
