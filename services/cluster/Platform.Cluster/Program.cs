using MassTransit;
using Platform.Cluster;
using Platform.Cluster.BindingMembers;
using Platform.Cluster.Clusters;
using Platform.Cluster.Provisioning;
using Platform.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("cluster", platform => platform
    .Store(store =>
    {
        store.Events.AddEventTypes([typeof(WorkspacePlaced), typeof(NamespaceProvisioned), typeof(ProvisioningRefused), typeof(NamespaceDeprovisioned)]);
        store.Schema.For<ClusterRecord>().UniqueIndex(c => c.Name);
        store.Schema.For<WorkspaceMembers>().UseOptimisticConcurrency(true);
    })
    .Messaging(bus => bus.AddConsumers(typeof(ClusterIntegrationEvents).Assembly))
    .PublishEvents<ClusterIntegrationEvents>());
builder.Services.AddSingleton(KubeconfigProtector.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<ClusterRegistry>();
builder.Services.AddSingleton(new NamespaceBlueprint(QuotaSpec.From(builder.Configuration), LimitSpec.From(builder.Configuration)));
builder.Services.AddHostedService<DefaultClusterRegistration>();

var app = builder.Build();
app.MapPlatformEndpoints();
app.Run();

/// <summary>Entry point of the cluster service (visible to tests).</summary>
public partial class Program;
