package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.GatewayApi;
import io.pushgate.bench.nchan.NchanUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loadtest}: the load-test harness's command line. Each workload is a subcommand; every run
 * prints a progress line a second and ends with a summary, {@code result.json} and {@code report.html}.
 *
 * <p>Exit codes: 0 the run passed; 1 a check failed or the gateway refused the setup; 2 bad options, or
 * Nchan asked for and not installed.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
    subcommands = {UnicastCommand.class, FanoutCommand.class, IdleCommand.class, MillionCommand.class,
        IdleWorkerCommand.class},
    description = {"Load tests of a pushgate gateway, over real sockets; unicast and million also against Nchan, "
        + "alone (--nchan) or compared (--compare-nchan).", ""},
    footer = {"", "Exit codes: 0 passed, 1 a check failed or the setup was refused, 2 invalid options (or Nchan "
        + "not installed: scripts/nchan install).",
        "Run 'loadtest <workload> --help' for a workload's options."})
public final class LoadTestCommand implements Runnable {
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a workload: unicast, fanout, idle or million");
  }

  /** Runs {@code loadtest <args>}; returns the exit code. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new LoadTestCommand());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      if (e instanceof IllegalArgumentException || e instanceof NchanUnavailableException) {
        err.println("bench: " + e.getMessage());
        return EXIT_USAGE;
      }
      if (e instanceof GatewayApi.ApiException || e instanceof IllegalStateException) {
        err.println("bench: " + e.getMessage());
        return EXIT_FAILED;
      }
      throw e;
    });
    return commandLine.execute(args);
  }
}
