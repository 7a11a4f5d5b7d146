package io.pushgate.bench.loadtest;

import io.pushgate.bench.report.RunResult;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadtest million}: a million notifications as fast as they go; none may be lost or duplicated. */
@Command(name = "million", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "A million notifications across the channels as fast as possible: the time, none lost or duplicated.",
      "Fails unless every one was sent and delivered exactly once."})
final class MillionCommand extends WorkloadCommand {
  @Option(names = "--channels", paramLabel = "N", defaultValue = "1000",
      description = "Channels, one WebSocket each (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--notifications", paramLabel = "N", defaultValue = "1000000",
      description = "Notifications to deliver (default: ${DEFAULT-VALUE}).")
  long notifications;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "100",
      description = "Notifications per ingress POST, 1..4000 (default: ${DEFAULT-VALUE}).")
  int batch;

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
  String name() {
    return "million";
  }

  @Override
  RunResult run(RunSetup setup) throws Exception {
    if (notifications < 1) {
      throw new IllegalArgumentException("--notifications must be at least 1");
    }
    return new UnicastRun(setup, new UnicastPlan(name(), channels, rate, batch, payloadBytes, notifications, duration,
        warmup, true)).run();
  }
}
