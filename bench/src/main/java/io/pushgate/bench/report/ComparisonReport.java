package io.pushgate.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a {@link Comparison} as one self-contained page: the side-by-side table, both runs'
 * latency over time in one chart, then each run in full, as its own report shows it.
 */
public final class ComparisonReport {
  private ComparisonReport() {}

  /** Writes the page for {@code comparison} to {@code file}, replacing it. */
  public static void write(Comparison comparison, Path file) throws IOException {
    Files.writeString(file, render(comparison), StandardCharsets.UTF_8);
  }

  public static String render(Comparison c) {
    StringBuilder h = new StringBuilder(64 * 1024);
    HtmlReport.head(h, "pushgate vs Nchan: " + c.workload());
    h.append("<p class=\"").append(c.passed() ? "passed" : "failed").append("\"><strong>")
        .append(c.passed() ? "Both runs passed their checks" : "A run failed its checks (see below)")
        .append("</strong></p>\n<p>Started ").append(Html.escape(c.startedAt())).append(", one run after the other, "
            + "the same workload and settings.<br>Command: <code>").append(Html.escape(c.command())).append("</code></p>\n");

    h.append("<h2>Side by side</h2>\n<p>Ratio: ").append(Html.escape(c.ratioMeaning())).append(".</p>\n");
    h.append("<table><tr><th>figure</th><th>pushgate</th><th>Nchan</th><th>ratio</th><th>better</th></tr>\n");
    for (Comparison.Row row : c.rows()) {
      h.append("<tr><th>").append(Html.escape(row.figure())).append("</th>");
      for (Double v : new Double[] {row.pushgate(), row.nchan(), row.ratio()}) {
        h.append("<td class=\"n\">").append(v == null ? "–" : Html.escape(HtmlReport.format(v))).append("</td>");
      }
      h.append("<td>").append(Html.escape(row.better())).append("</td></tr>\n");
    }
    h.append("</table>\n");

    if (!c.pushgate().timeline().isEmpty() || !c.nchan().timeline().isEmpty()) {
      h.append("<h2>Latency over time</h2>\n").append(SvgChart.render("seconds", "ms", List.of(
          series("pushgate p50", "#1f77b4", c.pushgate(), false, false),
          series("pushgate p99", "#1f77b4", c.pushgate(), true, true),
          series("Nchan p50", "#d62728", c.nchan(), false, false),
          series("Nchan p99", "#d62728", c.nchan(), true, true)), true));
    }

    h.append("<h2>The run against pushgate</h2>\n");
    HtmlReport.section(h, c.pushgate(), 3);
    h.append("<h2>The run against Nchan</h2>\n");
    HtmlReport.section(h, c.nchan(), 3);
    h.append("<p>The figures behind this page are in <code>result.json</code> beside it; each run's own report is "
        + "in its subdirectory.</p>\n</body></html>\n");
    return h.toString();
  }

  private static SvgChart.Series series(String name, String color, RunResult r, boolean p99, boolean dashed) {
    List<Interval> t = r.timeline();
    return new SvgChart.Series(name, color, t.stream().mapToDouble(Interval::atSeconds).toArray(),
        t.stream().mapToDouble(i -> p99 ? i.latency().p99Ms() : i.latency().p50Ms()).toArray(), dashed);
  }
}
