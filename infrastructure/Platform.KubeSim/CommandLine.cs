namespace Platform.KubeSim;

/// <summary>Reads the executable's flags into <see cref="KubeSimOptions"/>.</summary>
public static class CommandLine
{
    public static KubeSimOptions Parse(string[] args)
    {
        var options = new KubeSimOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            var (flag, inline) = args[i].Split('=', 2) is [var f, var v] ? (f, v) : (args[i], null);
            string Next() => inline ?? Value();
            options = flag switch
            {
                "--port" => options with { Port = int.Parse(Next()) },
                "--urls" => options with { Port = PortOf(Next()) },
                "--data-dir" => options with { DataDirectory = Next() },
                "--kubeconfig" => options with { KubeconfigPath = Next() },
                "--ready-delay-ms" => options with { WorkloadReadyDelay = TimeSpan.FromMilliseconds(int.Parse(Next())) },
                "--verbose" => options with { VerboseLogging = true },
                "--listen-any" => options with { ListenOnAnyAddress = true },
                "--advertise-url" => options with { AdvertisedUri = new Uri(Next()) },
                _ => throw new ArgumentException($"unknown flag {args[i]}; use --port, --urls, --data-dir, --kubeconfig, --ready-delay-ms, --verbose, --listen-any, --advertise-url"),
            };
        }
        return options;
    }

    /// <summary>KubeSim binds 127.0.0.1 only; --urls is accepted for the port it names.</summary>
    private static int PortOf(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("*", "localhost").Replace("+", "localhost");
        return new Uri(first).Port;
    }
}
