namespace Meridian.Testing.Fly;

/// <summary>
/// Machines as Fly's Machines API answers them, written from Fly's docs and fly-go's types (not from
/// Meridian's own records): optional fields left out, a numeric stop timeout (nanoseconds), the exit
/// under <c>MonitorEvent</c>, fields Meridian does not model, and the two error shapes.
/// </summary>
public static class FlyShapes
{
    /// <summary>A machine another tool made: <c>"restart":{}</c>, no cpu_kind, timeout in nanoseconds, exit under MonitorEvent.</summary>
    public const string ForeignMachine = """
        {
          "id": "1781973f003d89",
          "name": "quiet-dawn-4207",
          "state": "stopped",
          "region": "ord",
          "instance_id": "01H3JK9Q1E1F2G3H4J5K6L7M8N",
          "private_ip": "fdaa:2:45b:a7b:19c:bbd4:95bb:2",
          "config": {
            "init": {},
            "image": "registry-1.docker.io/library/nginx:latest",
            "restart": {},
            "guest": { "cpus": 1, "memory_mb": 256 },
            "stop_config": { "timeout": 30000000000, "signal": "SIGINT" },
            "dns": {},
            "services": [ { "protocol": "tcp", "internal_port": 8080, "ports": [ { "port": 443, "handlers": [ "tls", "http" ] } ] } ],
            "metadata": { "fly_platform_version": "v2", "fly_process_group": "app" }
          },
          "image_ref": { "registry": "registry-1.docker.io", "repository": "library/nginx", "tag": "latest", "digest": "sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31" },
          "incomplete_config": null,
          "host_status": "ok",
          "created_at": "2023-10-31T02:30:10Z",
          "updated_at": "2023-10-31T02:30:11Z",
          "events": [
            {
              "id": "01HE0N0F7J4D3T8GQ5B6V2X9ZC",
              "type": "exit",
              "status": "stopped",
              "source": "flyd",
              "timestamp": 1698719411000,
              "request": {
                "MonitorEvent": {
                  "exit_event": { "exit_code": 3, "oom_killed": false, "exited_at": "2023-10-31T02:30:11.5Z", "requested_stop": false, "restarting": false, "signal": -1 }
                }
              }
            },
            { "id": "01HE0N0E1P2Q3R4S5T6U7V8W9X", "type": "start", "status": "started", "source": "flyd", "timestamp": 1698719410000 },
            { "id": "01HE0N0D1P2Q3R4S5T6U7V8W9Y", "type": "launch", "status": "created", "source": "user", "timestamp": 1698719409000 }
          ]
        }
        """;

    /// <summary>Older machines put the exit right under <c>request</c>; a number of nanoseconds that is not whole seconds.</summary>
    public const string OlderExitPlace = """
        {
          "id": "148ed193b95289",
          "state": "stopped",
          "config": { "image": "registry.fly.io/meridian-workers:1", "stop_config": { "timeout": 1500000000 } },
          "events": [
            { "type": "exit", "status": "stopped", "source": "flyd", "timestamp": 1698719411000,
              "request": { "exit_event": { "exit_code": 0, "exited_at": 1698719411000 } } }
          ]
        }
        """;

    /// <summary>Both places, as a machine in transition might show them: fly-go reads MonitorEvent first.</summary>
    public const string BothExitPlaces = """
        {
          "id": "d8d9e9e3b3e189",
          "state": "stopped",
          "events": [
            { "type": "exit", "timestamp": 1698719411000,
              "request": { "exit_event": { "exit_code": 1 }, "MonitorEvent": { "exit_event": { "exit_code": 2, "oom_killed": true } } } }
          ]
        }
        """;

    /// <summary>A list with one machine Meridian can read, one it cannot (no state), and one that is not an object.</summary>
    public const string ListWithUnreadable = $$"""
        [
          {{ForeignMachine}},
          { "id": "e2865013b30e86", "config": { "image": "x" } },
          "not-a-machine"
        ]
        """;

    /// <summary>The error shape with a message (fly-go reads <c>message</c> when <c>error</c> is empty).</summary>
    public const string ErrorWithMessage = """{"status":"error","message":"machine ID 1781973f003d89 lease currently held by someone else"}""";

    /// <summary>The error shape with a code.</summary>
    public const string ErrorWithCode = """{"error":"insufficient resources to create new machine with existing volume","status":"insufficient_capacity"}""";
}
