package io.pushgate.bench.loadtest;

import io.pushgate.bench.report.LatencySummary;
import io.pushgate.bench.report.RunResult;
import io.pushgate.bench.report.ServerUsageRows;
import java.io.PrintStream;
import java.util.Locale;

/** The end-of-run summary on the console: the same figures as the report, in a few lines. */
final class Summary {
  private Summary() {}

  static void print(RunResult r, PrintStream out) {
    RunResult.Totals t = r.totals();
    out.println();
    out.printf(Locale.ROOT, "== %s: %s in %.1f s%n", r.workload(), r.passed() ? "PASSED" : "FAILED", r.elapsedSeconds());
    for (String failure : r.failures()) {
      out.println("   failure: " + failure);
    }
    out.printf(Locale.ROOT, "   connections %d (failed %d)%n", t.connections(), t.connectFailures());
    out.printf(Locale.ROOT, "   sent %d, accepted %d, delivered %d, lost %d, duplicated %d, unexpected %d, failed %d, 503s %d%n",
        t.sent(), t.accepted(), t.delivered(), t.lost(), t.duplicates(), t.unexpected(), t.failed(), t.rejected());
    if (!t.errors().isEmpty()) {
      out.println("   errors " + t.errors());
    }
    latency(out, "latency", r.latency());
    latency(out, "ingress", r.ingressLatency());
    if (r.serverUsage() != null) {
      ServerUsageRows.of(r.serverUsage()).forEach((k, v) -> out.println("   " + k + ": " + v));
    }
    r.details().forEach((k, v) -> out.println("   " + k + ": " + v));
  }

  private static void latency(PrintStream out, String name, LatencySummary l) {
    if (l.count() > 0) {
      out.printf(Locale.ROOT, "   %s ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (n=%d)%n",
          name, l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.count());
    }
  }
}
