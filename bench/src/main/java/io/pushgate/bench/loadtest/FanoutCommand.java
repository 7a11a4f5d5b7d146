package io.pushgate.bench.loadtest;

import io.pushgate.bench.report.RunResult;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadtest fanout}: one movie, N subscribed channels, repeated changes. */
@Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "One movie, every channel subscribed, repeated changes: time until every channel got each change.",
      "Subscribes each channel to one movie of the gateway's movies service, then changes the movie's",
      "premiereDate again and again (PATCH); reports fan-out completion times and deliveries per second."})
final class FanoutCommand extends WorkloadCommand {
  @Option(names = "--channels", paramLabel = "N", defaultValue = "1000",
      description = "Channels, one WebSocket and one subscription each (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
      description = "Changes per second; 0 = the next change once every channel got the previous (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long to keep changing the movie (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Make the same changes this long first, unmeasured (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--change-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "With --rate 0: how long to wait for a change to reach every channel (default: ${DEFAULT-VALUE}).")
  Duration changeTimeout;

  @Option(names = "--movie-id", paramLabel = "ID",
      description = "The movie to subscribe to and change (default: the first GET /movies/v1/movies lists).")
  String movieId;

  @Override
  String name() {
    return "fanout";
  }

  @Override
  void validate() {
    super.validate();
    new OptionRules()
        .require(channels >= 1, "--channels", channels, "must be at least 1")
        .require(rate >= 0, "--rate", rate, "must be at least 0")
        .require(!duration.isNegative() && !duration.isZero(), "--duration", duration, "must be positive")
        .require(!warmup.isNegative(), "--warmup", warmup, "must not be negative")
        .require(!changeTimeout.isNegative() && !changeTimeout.isZero(), "--change-timeout", changeTimeout,
            "must be positive")
        .check();
  }

  @Override
  RunResult run(RunSetup setup) throws Exception {
    return new FanoutRun(setup, channels, rate, duration, warmup, changeTimeout, movieId).run();
  }
}
