package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.ChannelType;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the harness's own client behaves: sockets, HTTP connections, reports. Shared by every workload. */
final class ClientOptions {
  @Option(names = "--max-notifications", paramLabel = "N", defaultValue = "100",
      description = "maxNotifications asked for each channel: notifications per WebSocket frame (default: ${DEFAULT-VALUE}).")
  int maxNotifications;

  @Option(names = "--channel-type", paramLabel = "TYPE", defaultValue = "WebSockets",
      description = "How each channel's client receives: WebSockets, or LongPolling (one poll after another, each "
          + "confirming the last with ?resumePoint=; pushgate only, not idle) (default: ${DEFAULT-VALUE}).")
  ChannelType channelType;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Where result.json, report.html and gateway.log go (default: bench/results/<time>-<workload>).")
  Path reportDir;

  @Option(names = "--client-threads", paramLabel = "N", defaultValue = "0",
      description = "Event loop threads of the harness; 0 = one per core (default: ${DEFAULT-VALUE}).")
  int clientThreads;

  @Option(names = "--source-addresses", paramLabel = "N", defaultValue = "8",
      description = "Bind client sockets to 127.0.0.2..127.0.0.(N+1) round robin, so more than ~28k "
          + "connections fit; 0 = do not bind (default: ${DEFAULT-VALUE}).")
  int sourceAddresses;

  // The gateway answers one request of a connection at a time (it stops reading while one waits for
  // its commit), so concurrency at the gateway is the number of connections; pipelining only hides
  // the round trip. Hence many connections, one request each, by default.
  @Option(names = "--http-connections", paramLabel = "N", defaultValue = "256",
      description = "Keep-alive connections for ingress and setup requests: the enablers (default: ${DEFAULT-VALUE}).")
  int httpConnections;

  @Option(names = "--pipeline-depth", paramLabel = "N", defaultValue = "1",
      description = "Requests in flight per HTTP connection, pipelined; the gateway serves them one after another "
          + "and allows 16 (default: ${DEFAULT-VALUE}).")
  int pipelineDepth;

  @Option(names = "--connect-concurrency", paramLabel = "N", defaultValue = "256",
      description = "WebSocket handshakes in flight at once (default: ${DEFAULT-VALUE}).")
  int connectConcurrency;

  @Option(names = "--ack-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "How often each socket confirms what it read with ncAck; 0 = never (default: ${DEFAULT-VALUE}).")
  Duration ackInterval;

  @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "After the last send, how long to wait for notifications still on their way (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long opening all the WebSockets may take (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  /** Event loop threads of the harness: --client-threads, or one per core. */
  int eventLoopThreads() {
    return clientThreads > 0 ? clientThreads : Runtime.getRuntime().availableProcessors();
  }

  void validate() {
    new OptionRules()
        .require(maxNotifications >= 1, "--max-notifications", maxNotifications, "must be at least 1")
        .require(httpConnections >= 1, "--http-connections", httpConnections, "must be at least 1")
        .require(pipelineDepth >= 1 && pipelineDepth <= 16, "--pipeline-depth", pipelineDepth, "must be 1..16")
        .require(connectConcurrency >= 1, "--connect-concurrency", connectConcurrency, "must be at least 1")
        .require(clientThreads >= 0, "--client-threads", clientThreads, "must be at least 0")
        .check();
  }
}
