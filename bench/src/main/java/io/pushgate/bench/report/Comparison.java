package io.pushgate.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The same workload run against pushgate and then against Nchan, side by side: both results and a
 * row per figure with its ratio. Written as {@code result.json} and rendered as {@code report.html}.
 *
 * @param workload unicast or million
 * @param passed true when both runs passed their checks
 * @param startedAt when the first run began
 * @param command the command line
 * @param ratioMeaning how to read the ratios
 * @param rows the figures side by side
 * @param pushgate the run against pushgate
 * @param nchan the run against Nchan
 */
public record Comparison(String workload, boolean passed, String startedAt, String command, String ratioMeaning,
    List<Row> rows, RunResult pushgate, RunResult nchan) {

  /** What {@link Row#ratio()} is. */
  public static final String RATIO_MEANING = "pushgate / Nchan: above 1, pushgate's figure is the larger";

  public Comparison {
    rows = List.copyOf(rows);
  }

  /**
   * One figure of both runs.
   *
   * @param figure what it is, with its unit
   * @param pushgate pushgate's value, null when not measured
   * @param nchan Nchan's value, null when not measured
   * @param ratio pushgate / Nchan, null when either is missing or Nchan's is 0
   * @param better "higher" or "lower": which way is better for this figure
   */
  public record Row(String figure, Double pushgate, Double nchan, Double ratio, String better) {
    static Row of(String figure, Double pushgate, Double nchan, String better) {
      Double ratio = pushgate == null || nchan == null || nchan == 0 ? null : round(pushgate / nchan);
      return new Row(figure, pushgate, nchan, ratio, better);
    }
  }

  /** Puts two results of the same workload side by side. */
  public static Comparison of(RunResult pushgate, RunResult nchan) {
    List<Row> rows = new ArrayList<>();
    rows.add(usage("delivered per s", pushgate, nchan, u -> u.deliveredPerSecond(), "higher"));
    latency(rows, "end-to-end latency", pushgate, nchan, RunResult::latency);
    latency(rows, "ingress latency (POST to 2xx)", pushgate, nchan, RunResult::ingressLatency);
    rows.add(usage("server CPU ms per 1,000 delivered, all its processes", pushgate, nchan,
        ServerUsage::wholeServerCpuMsPerThousand, "lower"));
    String mainP = pushgate.serverUsage() == null ? "" : pushgate.serverUsage().mainProcess();
    String mainN = nchan.serverUsage() == null ? "" : nchan.serverUsage().mainProcess();
    rows.add(usage("server CPU ms per 1,000 delivered, " + mainP + " | " + mainN, pushgate, nchan,
        ServerUsage::mainProcessCpuMsPerThousand, "lower"));
    rows.add(usage("server memory (PSS) at the end, MiB", pushgate, nchan, ServerUsage::memoryMiB, "lower"));
    rows.add(Row.of("lost", (double) pushgate.totals().lost(), (double) nchan.totals().lost(), "lower"));
    rows.add(Row.of("duplicated", (double) pushgate.totals().duplicates(), (double) nchan.totals().duplicates(), "lower"));
    return new Comparison(pushgate.workload(), pushgate.passed() && nchan.passed(), pushgate.startedAt(),
        pushgate.command(), RATIO_MEANING, rows, pushgate, nchan);
  }

  private static void latency(List<Row> rows, String name, RunResult pushgate, RunResult nchan,
      Function<RunResult, LatencySummary> which) {
    LatencySummary p = which.apply(pushgate);
    LatencySummary n = which.apply(nchan);
    if (p.count() == 0 && n.count() == 0) {
      return;
    }
    rows.add(Row.of(name + " p50 ms", ms(p, p.p50Ms()), ms(n, n.p50Ms()), "lower"));
    rows.add(Row.of(name + " p99 ms", ms(p, p.p99Ms()), ms(n, n.p99Ms()), "lower"));
    rows.add(Row.of(name + " p99.9 ms", ms(p, p.p999Ms()), ms(n, n.p999Ms()), "lower"));
    rows.add(Row.of(name + " max ms", ms(p, p.maxMs()), ms(n, n.maxMs()), "lower"));
  }

  private static Double ms(LatencySummary l, double value) {
    return l.count() == 0 ? null : value;
  }

  private static Row usage(String figure, RunResult pushgate, RunResult nchan, Function<ServerUsage, Double> which,
      String better) {
    return Row.of(figure, pushgate.serverUsage() == null ? null : which.apply(pushgate.serverUsage()),
        nchan.serverUsage() == null ? null : which.apply(nchan.serverUsage()), better);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
