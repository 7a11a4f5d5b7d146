package io.pushgate.bench.loadtest;

import io.pushgate.bench.report.RunResult;
import java.io.PrintStream;
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

  /** The workload's name in reports and the default report directory. */
  abstract String name();

  /** Runs the workload on an open setup. */
  abstract RunResult run(RunSetup setup) throws Exception;

  /** JVM options for a gateway the harness starts for this workload. */
  List<String> gatewayJvmOptions() {
    return List.of();
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    try (RunSetup setup = RunSetup.open(name(), command(), target, client, gatewayJvmOptions(), out)) {
      RunResult result = run(setup);
      setup.write(result);
      return result.passed() ? 0 : 1;
    }
  }

  private String command() {
    return "pushgate-bench loadtest " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }
}
