package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.ChannelType;
import io.pushgate.bench.report.RunResult;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadtest idle}: N open, silent WebSockets; the gateway's memory per connection. */
@Command(name = "idle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "Open WebSockets (or parked long polls, --channel-type LongPolling), no traffic: the gateway's memory per connection.",
      "Reports RSS, live heap and direct memory before the connections vs after --duration with all of them open.",
      "Memory needs the gateway's pid: --start-gateway (which also turns on native memory tracking) or --gateway-pid."})
final class IdleCommand extends WorkloadCommand {
  @Option(names = "--channels", paramLabel = "N", defaultValue = "5000",
      description = "Connections to open (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
      description = "How long to hold them open before measuring (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--processes", paramLabel = "N", defaultValue = "-1",
      description = "Child JVMs holding the sockets; 0 = this process; -1 = one per " + IdleRun.PER_PROCESS
          + " connections when there are more (default: ${DEFAULT-VALUE}).")
  int processes;

  @Override
  String name() {
    return "idle";
  }

  @Override
  List<String> gatewayJvmOptions() {
    return List.of("-XX:NativeMemoryTracking=summary"); // so direct memory can be read ("Other")
  }

  @Override
  void validate() {
    super.validate();
    new OptionRules()
        .require(channels >= 1, "--channels", channels, "must be at least 1")
        .require(!duration.isNegative(), "--duration", duration, "must not be negative")
        .require(client.channelType == ChannelType.WebSockets || !IdleRun.inChildren(channels, processes),
            "--channel-type", client.channelType, "must be WebSockets when child processes hold the connections "
                + "(over " + IdleRun.PER_PROCESS + " of them, or --processes=1 or more)")
        .require(processes >= -1, "--processes", processes, "must be -1 (one per " + IdleRun.PER_PROCESS + " connections), 0 (this process) or more")
        .check();
  }

  @Override
  RunResult run(RunSetup setup) throws Exception {
    return new IdleRun(setup, channels, duration, processes).run();
  }
}
