package io.pushgate.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link RunResult} as one self-contained HTML page ({@code report.html}): no scripts, no
 * external styles or images, charts as inline SVG, so it can be mailed or attached to an issue as is.
 */
public final class HtmlReport {
  private static final String STYLE = """
      body{font-family:sans-serif;margin:2em;color:#222;max-width:960px}
      table{border-collapse:collapse;margin:.5em 0 1.5em}
      td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
      td.n{text-align:right;font-variant-numeric:tabular-nums}
      .passed{color:#176f2c}.failed{color:#b00020}
      code{background:#f3f3f3;padding:.1em .3em;word-break:break-all}
      """;

  private HtmlReport() {}

  /** Writes the page for {@code result} to {@code file}, replacing it. */
  public static void write(RunResult result, Path file) throws IOException {
    Files.writeString(file, render(result), StandardCharsets.UTF_8);
  }

  /** The page for {@code result}. */
  public static String render(RunResult r) {
    StringBuilder h = new StringBuilder(32 * 1024);
    head(h, "pushgate load test: " + r.workload());
    section(h, r, 2);
    h.append("<p>The figures behind this page are in <code>result.json</code> beside it.</p>\n</body></html>\n");
    return h.toString();
  }

  /** The document's start, up to and including its {@code <h1>}. */
  static void head(StringBuilder h, String title) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
        .append("</title><style>").append(STYLE).append("</style></head><body>\n");
    h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
  }

  /**
   * Everything about one run: verdict, totals, latency, charts, details, settings, environment; its
   * headings at {@code level} (2 on its own page, 3 inside a comparison).
   */
  static void section(StringBuilder h, RunResult r, int level) {
    h.append("<p class=\"").append(r.passed() ? "passed" : "failed").append("\"><strong>")
        .append(r.passed() ? "Passed" : "Failed").append("</strong>");
    for (String failure : r.failures()) {
      h.append("<br>").append(Html.escape(failure));
    }
    h.append("</p>\n<p>Started ").append(Html.escape(r.startedAt()))
        .append(String.format(Locale.ROOT, ", measured for %.1f s.", r.elapsedSeconds()))
        .append("<br>Command: <code>").append(Html.escape(r.command())).append("</code></p>\n");

    heading(h, level, "Totals");
    RunResult.Totals t = r.totals();
    table(h, Map.ofEntries(), new Object[][] {
        {"connections", t.connections()}, {"connect failures", t.connectFailures()},
        {"notifications sent", t.sent()}, {"accepted (2xx)", t.accepted()}, {"delivered", t.delivered()},
        {"lost", t.lost()}, {"duplicated", t.duplicates()}, {"unexpected", t.unexpected()},
        {"failed for good", t.failed()}, {"503 answers (retried)", t.rejected()}});
    if (!t.errors().isEmpty()) {
      heading(h, level + 1, "Errors");
      table(h, t.errors(), new Object[0][]);
    }

    heading(h, level, "Latency (ms)").append("<table><tr><th></th><th>count</th><th>mean</th><th>p50</th><th>p90</th>"
        + "<th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th></tr>\n");
    latencyRow(h, "end to end", r.latency());
    latencyRow(h, "ingress POST → 2xx", r.ingressLatency());
    h.append("</table>\n");

    ServerUsage u = r.serverUsage();
    if (u != null) {
      heading(h, level, "Server usage (measured phase)");
      table(h, ServerUsageRows.of(u), new Object[0][]);
    }

    List<Interval> timeline = r.timeline();
    if (!timeline.isEmpty()) {
      double[] at = timeline.stream().mapToDouble(Interval::atSeconds).toArray();
      heading(h, level, "Throughput").append(SvgChart.render("seconds", "notifications/s", List.of(
          new SvgChart.Series("sent (accepted)", "#1f77b4", at, timeline.stream().mapToDouble(Interval::sentPerSecond).toArray()),
          new SvgChart.Series("received", "#2ca02c", at, timeline.stream().mapToDouble(Interval::receivedPerSecond).toArray(),
              true)),
          false));
      heading(h, level, "Latency over time").append(SvgChart.render("seconds", "ms", List.of(
          new SvgChart.Series("p50", "#2ca02c", at, timeline.stream().mapToDouble(i -> i.latency().p50Ms()).toArray()),
          new SvgChart.Series("p99", "#ff7f0e", at, timeline.stream().mapToDouble(i -> i.latency().p99Ms()).toArray()),
          new SvgChart.Series("p99.9", "#d62728", at, timeline.stream().mapToDouble(i -> i.latency().p999Ms()).toArray()),
          new SvgChart.Series("max", "#7f7f7f", at, timeline.stream().mapToDouble(i -> i.latency().maxMs()).toArray())),
          true));
      heading(h, level, "Connections").append(SvgChart.render("seconds", "open sockets", List.of(
          new SvgChart.Series("connections", "#9467bd", at, timeline.stream().mapToDouble(Interval::connections).toArray())),
          false));
    }

    if (!r.details().isEmpty()) {
      heading(h, level, "Details");
      table(h, r.details(), new Object[0][]);
    }
    heading(h, level, "Settings");
    table(h, r.settings(), new Object[0][]);
    heading(h, level, "Environment");
    table(h, r.environment(), new Object[0][]);
  }

  private static StringBuilder heading(StringBuilder h, int level, String text) {
    return h.append("<h").append(level).append('>').append(Html.escape(text)).append("</h").append(level).append(">\n");
  }

  private static void latencyRow(StringBuilder h, String name, LatencySummary l) {
    h.append("<tr><th>").append(Html.escape(name)).append("</th>");
    h.append("<td class=\"n\">").append(l.count()).append("</td>");
    for (double v : new double[] {l.meanMs(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.p9999Ms(), l.maxMs()}) {
      h.append(String.format(Locale.ROOT, "<td class=\"n\">%.3f</td>", v));
    }
    h.append("</tr>\n");
  }

  /** A two-column table: {@code rows} first, then the map's entries in its order. */
  private static void table(StringBuilder h, Map<String, ?> map, Object[][] rows) {
    h.append("<table>\n");
    for (Object[] row : rows) {
      cells(h, String.valueOf(row[0]), row[1]);
    }
    map.forEach((k, v) -> cells(h, k, v));
    h.append("</table>\n");
  }

  static void cells(StringBuilder h, String name, Object value) {
    boolean numeric = value instanceof Number;
    h.append("<tr><th>").append(Html.escape(name)).append("</th><td").append(numeric ? " class=\"n\"" : "").append('>')
        .append(Html.escape(format(value))).append("</td></tr>\n");
  }

  static String format(Object value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%,.3f", d);
    }
    if (value instanceof Long || value instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
    }
    return String.valueOf(value);
  }
}
