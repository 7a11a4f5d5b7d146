package io.pushgate.bench.loadtest;

import io.pushgate.bench.report.Comparison;
import io.pushgate.bench.report.ComparisonReport;
import io.pushgate.bench.report.ResultJson;
import io.pushgate.bench.report.RunResult;
import java.nio.file.Path;

/**
 * {@code --compare-nchan}: the workload against pushgate, then the very same against Nchan, never at
 * the same time (they would share the cores). Each run writes its own reports into a subdirectory
 * ({@code pushgate/}, {@code nchan/}); the comparison's {@code result.json} (both runs and the ratios)
 * and {@code report.html} go into the report directory itself.
 */
final class ComparisonRun {
  private final ComparableCommand command;

  ComparisonRun(ComparableCommand command) {
    this.command = command;
  }

  /** Runs both; exit code 0 when both passed their checks, 1 otherwise. */
  int run() throws Exception {
    command.nchan.script().requireInstalled(); // before pushgate's run, not after it
    Path dir = command.reportDir();
    command.out.println("bench: comparing pushgate and Nchan: the same " + command.name()
        + " workload against each, pushgate first");
    RunResult pushgate = command.runAgainst(command.pushgate(), dir.resolve("pushgate"));
    command.out.println();
    RunResult nchan = command.runAgainst(Servers.nchan(command.nchan, command.out), dir.resolve("nchan"));

    Comparison comparison = Comparison.of(pushgate, nchan);
    ResultJson.write(comparison, dir.resolve("result.json"));
    ComparisonReport.write(comparison, dir.resolve("report.html"));
    ComparisonSummary.print(comparison, command.out);
    command.out.println("bench: comparison in " + dir.resolve("report.html").toAbsolutePath());
    return comparison.passed() ? 0 : 1;
  }
}
