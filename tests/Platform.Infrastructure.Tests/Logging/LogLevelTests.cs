using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Platform.Infrastructure.Hosting;

namespace Platform.Infrastructure.Tests.Logging;

public sealed class LogLevelTests
{
    [Fact]
    public async Task GivenNoSerilogSection_WhenAServiceLogs_ThenInformationIsWrittenAndChattyLibrariesOnlyWarn()
    {
        await using var app = Build(new Dictionary<string, string?>());
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Platform.Tenant.Onboarding").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Platform.Tenant.Onboarding").IsEnabled(LogLevel.Debug));
        Assert.False(loggers.CreateLogger("MassTransit.ReceiveTransport").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("MassTransit.ReceiveTransport").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("Marten.Events").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task GivenASerilogSection_WhenAServiceLogs_ThenItsLevelsReplacePlatformsDefaults()
    {
        await using var app = Build(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:MassTransit"] = "Information",
            ["Serilog:MinimumLevel:Override:Platform.Noisy"] = "Error",
        });
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Platform.Tenant.Onboarding").IsEnabled(LogLevel.Debug));
        Assert.True(loggers.CreateLogger("MassTransit.ReceiveTransport").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("MassTransit.ReceiveTransport").IsEnabled(LogLevel.Debug));
        Assert.False(loggers.CreateLogger("Platform.Noisy.Thing").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("Marten.Events").IsEnabled(LogLevel.Information));
    }

    static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPlatformLogging("logging-test");
        return builder.Build();
    }
}
