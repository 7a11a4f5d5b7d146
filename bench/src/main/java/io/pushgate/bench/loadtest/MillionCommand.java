package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.PushgateServer;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadtest million}: a million notifications as fast as they go; none may be lost or duplicated. */
@Command(name = "million", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "A million notifications across the channels as fast as possible: the time, none lost or duplicated.",
      "Fails unless every one was sent and delivered exactly once.",
      "With --compare-nchan, runs the same against Nchan afterwards (one notification per POST) and compares the two."})
final class MillionCommand extends ComparableCommand {
  @Option(names = "--channels", paramLabel = "N", defaultValue = "1000",
      description = "Channels, one WebSocket each (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--notifications", paramLabel = "N", defaultValue = "1000000",
      description = "Notifications to deliver (default: ${DEFAULT-VALUE}).")
  long notifications;

  /** pushgate's default; against Nchan, which publishes one message per POST, 1. */
  static final int DEFAULT_BATCH = 100;

  @Option(names = "--batch", paramLabel = "N",
      description = "Notifications per ingress POST, 1.." + PushgateServer.MAX_BATCH + " (default: " + DEFAULT_BATCH + "; 1 with --nchan or "
          + "--compare-nchan).")
  Integer batch;

  @Option(names = "--payload-bytes", paramLabel = "BYTES", defaultValue = "256",
      description = "Size of each notification document (default: ${DEFAULT-VALUE}).")
  int payloadBytes;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
      description = "Notifications per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "Give up sending after this long (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
      description = "Send the same load this long first, unmeasured, so the JIT of both sides has run "
          + "(default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Override
  int batch() {
    return batch != null ? batch : nchan.involvesNchan() ? 1 : DEFAULT_BATCH;
  }

  @Override
  String name() {
    return "million";
  }

  @Override
  UnicastPlan plan() {
    return new UnicastPlan(name(), channels, rate, batch(), payloadBytes, notifications, duration, warmup, true);
  }
}
