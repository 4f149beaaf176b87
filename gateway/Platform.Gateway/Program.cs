using Platform.Gateway;

await GatewayApp.Build(args).RunAsync();
