package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.ClientTransport;
import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.client.SocketOptions;
import io.pushgate.bench.client.SourceAddresses;
import io.pushgate.bench.metrics.LoadMetrics;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loadtest idle-worker} (hidden): a child of the idle workload. Opens a WebSocket per URL in
 * its file and holds them, reporting on standard output ({@link ChildFleet} reads it), until its
 * standard input closes.
 */
@Command(name = "idle-worker", hidden = true, description = "Internal: holds idle WebSockets for 'idle'.")
final class IdleWorkerCommand implements Callable<Integer> {
  @Option(names = "--uris", required = true)
  Path uris;

  /** The parent's client options, under the same names: {@link ChildFleet#workerArgs} passes them on. */
  @Mixin
  ClientOptions client;

  /** Where this child's source addresses start, so children do not share them. */
  @Option(names = "--source-offset", defaultValue = "0")
  int sourceOffset;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<URI> targets = Files.readAllLines(uris, StandardCharsets.US_ASCII).stream()
        .filter(l -> !l.isBlank()).map(URI::create).toList();
    LoadMetrics metrics = new LoadMetrics();
    try (ClientTransport transport = new ClientTransport(client.eventLoopThreads(),
        SourceAddresses.loopback(client.sourceAddresses, sourceOffset))) {
      SubscriberFleet fleet = SubscriberFleet.webSockets(transport, metrics, new SocketOptions(64 << 10, 0, 0, 10_000));
      SubscriberFleet.Opened opened = fleet.open(targets, i -> new QuietListener(metrics), client.connectConcurrency,
          client.connectTimeout);
      if (opened.firstFailure() != null) {
        System.out.println("first failure: " + opened.firstFailure());
      }
      System.out.printf(Locale.ROOT, "opened %d %d %.3f%n", opened.opened(), opened.failed(), opened.seconds());
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      ticker.scheduleAtFixedRate(() -> System.out.println("conns " + metrics.connections()), 1, 1, TimeUnit.SECONDS);
      try {
        while (System.in.read() >= 0) {
          // the parent never writes; end of input is the signal to stop
        }
      } finally {
        ticker.shutdownNow();
        fleet.close(Duration.ofSeconds(10));
      }
    }
    return 0;
  }
}
