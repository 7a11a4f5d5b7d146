package io.pushgate.bench.loadtest;

import io.pushgate.bench.report.RunResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A workload's command: opens the run's resources, runs, writes the reports, and exits 0 when the
 * run passed, 1 when a check failed.
 */
abstract class WorkloadCommand implements Callable<Integer> {
  @Mixin
  TargetOptions target;

  @Mixin
  ClientOptions client;

  @Spec
  CommandSpec spec;

  final PrintStream out = System.out;

  /** The workload's name in reports and the default report directory. */
  abstract String name();

  /** Runs the workload on an open setup. */
  abstract RunResult run(RunSetup setup) throws Exception;

  /** JVM options for a gateway the harness starts for this workload. */
  List<String> gatewayJvmOptions() {
    return List.of();
  }

  /** Checks the options before anything is started; an invalid one throws IllegalArgumentException. */
  void validate() {
    target.validate();
    client.validate();
  }

  @Override
  public Integer call() throws Exception {
    validate();
    return runAgainst(pushgate(), reportDir()).passed() ? 0 : 1;
  }

  /** One run against the server {@code launcher} starts, its reports written to {@code reportDir}. */
  final RunResult runAgainst(ServerLauncher launcher, Path reportDir) throws Exception {
    try (RunSetup setup = RunSetup.open(name(), command(), client, reportDir, launcher, out)) {
      RunResult result = run(setup);
      setup.write(result);
      return result;
    }
  }

  /** The gateway the options name: started by the harness, or running. */
  final ServerLauncher pushgate() {
    return Servers.pushgate(target, gatewayJvmOptions(), out);
  }

  /** --report-dir, or bench/results/&lt;time&gt;-&lt;workload&gt;. */
  final Path reportDir() {
    return client.reportDir != null ? client.reportDir : RunSetup.defaultReportDir(name());
  }

  final String command() {
    return "pushgate-bench loadtest " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }
}
