package io.pushgate.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
  @TempDir
  Path dir;

  /** A server usage with its main group, and pushgate's second (gateway + PostgreSQL) when {@code wholeMs} is given. */
  static ServerUsage usage(String server, double perSecond, double mainMs, Double wholeMs, Double memoryMiB) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    cpu.put(server.equals("pushgate") ? "gateway JVM" : "nginx (master + workers)", mainMs);
    if (wholeMs != null) {
      cpu.put("gateway JVM + its PostgreSQL", wholeMs);
    }
    return new ServerUsage(server, 149_997, perSecond, cpu, memoryMiB);
  }

  static RunResult sample(boolean passed) {
    List<Interval> timeline = new ArrayList<>();
    for (int s = 1; s <= 30; s++) {
      LatencySummary l = s == 5 ? LatencySummary.EMPTY // a quiet second: zeros on a log chart
          : new LatencySummary(5000, 2, 1.5, 2.5, 8, 20, 25, 30 + s);
      timeline.add(new Interval(s, 1000, 5000 + s, 4990 + s, s / 10, l));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("channels", 1000);
    settings.put("rate", "5000.0 notifications/s");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sent per s (while sending)", 5000.5);
    details.put("note", "a <b>tag</b> & an ampersand");
    return new RunResult("unicast", passed, passed ? List.of() : List.of("3 notifications lost"), "2026-11-22T06:00:00Z",
        30.5, "pushgate-bench loadtest unicast --channels 1000 --url 'http://127.0.0.1:1/<x>'", settings,
        Map.of("cores", 2), new RunResult.Totals(1000, 0, 150_000, 150_000, 149_997, 3, 0, 0, 0, 12,
            Map.of("ws-closed-1001", 2L)),
        new LatencySummary(149_997, 2, 1.5, 2.5, 8, 20, 25, 60), new LatencySummary(150_000, 1, 1, 1.5, 3, 5, 6, 9),
        usage("pushgate", 4999.9, 180.5, 240.25, 512.5), details, timeline);
  }

  @Test
  void resultJsonHoldsEveryFigure() throws IOException {
    Path file = dir.resolve("result.json");
    ResultJson.write(sample(false), file);
    JsonNode json = ResultJson.read(file);

    assertEquals("unicast", json.path("workload").asText());
    assertFalse(json.path("passed").asBoolean());
    assertEquals("3 notifications lost", json.path("failures").get(0).asText());
    assertEquals(150_000, json.path("totals").path("sent").asLong());
    assertEquals(3, json.path("totals").path("lost").asLong());
    assertEquals(2, json.path("totals").path("errors").path("ws-closed-1001").asLong());
    assertEquals(8.0, json.path("latency").path("p99Ms").asDouble());
    assertEquals(20.0, json.path("latency").path("p999Ms").asDouble());
    assertEquals(30, json.path("timeline").size());
    assertEquals(5001.0, json.path("timeline").get(0).path("sentPerSecond").asDouble());
    assertEquals(1000, json.path("settings").path("channels").asInt());
    assertEquals(5000.5, json.path("details").path("sent per s (while sending)").asDouble());
    JsonNode usage = json.path("serverUsage");
    assertEquals("pushgate", usage.path("server").asText());
    assertEquals(240.25, usage.path("cpuMsPerThousand").path("gateway JVM + its PostgreSQL").asDouble());
    assertEquals(512.5, usage.path("memoryMiB").asDouble());
  }

  @Test
  void resultJsonKeepsTheOrderOfSettingsAndDetails() throws IOException {
    String text = ResultJson.toJson(sample(true));
    assertTrue(text.indexOf("\"channels\"") < text.indexOf("\"rate\""), text);
  }

  @Test
  void reportIsOneSelfContainedPageWithBothCharts() throws IOException {
    Path file = dir.resolve("report.html");
    HtmlReport.write(sample(false), file);
    String html = Files.readString(file, StandardCharsets.UTF_8);

    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<h2>Throughput</h2>") && html.contains("<h2>Latency over time</h2>"), "charts");
    assertTrue(countOf(html, "<svg ") >= 2, "inline SVG charts");
    assertTrue(html.contains("<path d=\"M"), "lines drawn");
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.matches("(?s).*(src|href)=\"http.*"), "nothing loaded from elsewhere");
    assertTrue(html.contains("Failed") && html.contains("3 notifications lost"));
    assertTrue(html.contains("149997") || html.contains("149,997"), "delivered");
    assertTrue(html.contains("Server usage") && html.contains("server CPU ms per 1,000 delivered: gateway JVM + its PostgreSQL"),
        "the server's cost");
  }

  @Test
  void reportEscapesWhatItQuotes() {
    String html = HtmlReport.render(sample(true));
    assertTrue(html.contains("a &lt;b&gt;tag&lt;/b&gt; &amp; an ampersand"), "details escaped");
    assertTrue(html.contains("&#39;http://127.0.0.1:1/&lt;x&gt;&#39;"), "command escaped");
    assertFalse(html.contains("<b>tag</b>"));
  }

  @Test
  void aRunWithoutTimelineHasNoCharts() {
    RunResult r = sample(true);
    RunResult empty = new RunResult(r.workload(), true, List.of(), r.startedAt(), 0, r.command(), r.settings(),
        r.environment(), r.totals(), LatencySummary.EMPTY, LatencySummary.EMPTY, null, Map.of(), List.of());
    String html = HtmlReport.render(empty);
    assertFalse(html.contains("<svg"));
    assertTrue(html.contains("Passed"));
  }

  @Test
  void logChartSkipsZerosAndLinearChartStartsAtZero() {
    String log = SvgChart.render("s", "ms", List.of(
        new SvgChart.Series("p50", "#000", new double[] {1, 2, 3, 4}, new double[] {1, 0, 10, 100})), true);
    assertEquals(2, countOf(log, "d=\"M") + countOf(log, " M"), "the zero breaks the line in two: " + log);
    assertTrue(log.contains(">100<") && log.contains(">1<"), "decade ticks");

    String linear = SvgChart.render("s", "n/s", List.of(
        new SvgChart.Series("sent", "#000", new double[] {1, 2}, new double[] {0, 4800})), false);
    assertTrue(linear.contains(">0<") && linear.contains(">5,000<"), linear);
  }

  private static int countOf(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
