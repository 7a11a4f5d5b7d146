package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.PushgateServer;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadtest unicast}: each notification to one channel, round robin, at a steady rate. */
@Command(name = "unicast", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "Each notification to one channel, in turn, at a steady rate: latency, loss, duplicates.",
      "Posts at --rate notifications per second for --duration, --batch per request, channels round robin.",
      "Measures end-to-end latency (stamped at the intended send time) and counts lost and duplicated notifications.",
      "With --compare-nchan, runs the same against Nchan afterwards and compares the two."})
final class UnicastCommand extends ComparableCommand {
  @Option(names = "--channels", paramLabel = "N", defaultValue = "1000",
      description = "Channels, one WebSocket each (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "5000",
      description = "Notifications per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long to send (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
      description = "Notifications per ingress POST, 1.." + PushgateServer.MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--payload-bytes", paramLabel = "BYTES", defaultValue = "256",
      description = "Size of each notification document (default: ${DEFAULT-VALUE}).")
  int payloadBytes;

  @Option(names = "--notifications", paramLabel = "N", defaultValue = "0",
      description = "Stop after this many notifications; 0 = when the duration ends (default: ${DEFAULT-VALUE}).")
  long notifications;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Send the same load this long first, unmeasured, so the JIT of both sides has run "
          + "(default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Override
  int batch() {
    return batch;
  }

  @Override
  String name() {
    return "unicast";
  }

  @Override
  UnicastPlan plan() {
    return new UnicastPlan(name(), channels, rate, batch, payloadBytes, notifications, duration, warmup, false);
  }
}
