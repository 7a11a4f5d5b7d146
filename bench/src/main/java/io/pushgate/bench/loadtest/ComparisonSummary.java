package io.pushgate.bench.loadtest;

import io.pushgate.bench.report.Comparison;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The side-by-side table of a comparison on the console. */
final class ComparisonSummary {
  private ComparisonSummary() {}

  static void print(Comparison c, PrintStream out) {
    out.println();
    lines(c).forEach(out::println);
  }

  static List<String> lines(Comparison c) {
    int width = "figure".length();
    for (Comparison.Row row : c.rows()) {
      width = Math.max(width, row.figure().length());
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "== %s, pushgate vs Nchan: %s", c.workload(),
        c.passed() ? "both PASSED" : "a run FAILED (see its summary above)"));
    lines.add(String.format(Locale.ROOT, "   %-" + width + "s %14s %14s %9s  %s", "figure", "pushgate", "Nchan", "ratio",
        "better"));
    for (Comparison.Row row : c.rows()) {
      lines.add(String.format(Locale.ROOT, "   %-" + width + "s %14s %14s %9s  %s", row.figure(), number(row.pushgate()),
          number(row.nchan()), row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()),
          row.better()));
    }
    lines.add("   ratio: " + c.ratioMeaning());
    return lines;
  }

  private static String number(Double v) {
    if (v == null) {
      return "-";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", v.longValue())
        : String.format(Locale.ROOT, "%,.3f", v);
  }
}
