package io.pushgate.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side figures of pushgate and Nchan: which figures, their ratios, and the two files. */
class ComparisonTest {
  @TempDir
  Path dir;

  /** A run with the given latency and server usage; the rest as in {@link ReportWritersTest#sample}. */
  static RunResult run(String server, boolean passed, LatencySummary latency, ServerUsage usage, long lost) {
    RunResult s = ReportWritersTest.sample(true);
    RunResult.Totals t = s.totals();
    return new RunResult(s.workload(), passed, passed ? List.of() : List.of("lost"), s.startedAt(), s.elapsedSeconds(),
        s.command() + " (" + server + ")", s.settings(), s.environment(),
        new RunResult.Totals(t.connections(), 0, t.sent(), t.accepted(), t.delivered(), lost, 0, 0, 0, 0, Map.of()),
        latency, LatencySummary.EMPTY, usage, s.details(), s.timeline());
  }

  private static final LatencySummary PUSHGATE_LATENCY = new LatencySummary(1000, 5, 4, 8, 20, 40, 50, 60);
  private static final LatencySummary NCHAN_LATENCY = new LatencySummary(1000, 1, 0.5, 1, 2, 5, 6, 8);

  private static Comparison sample() {
    return Comparison.of(
        run("pushgate", true, PUSHGATE_LATENCY, ReportWritersTest.usage("pushgate", 5000, 300.0, 450.0, 400.0), 0),
        run("Nchan", true, NCHAN_LATENCY, ReportWritersTest.usage("Nchan", 10000, 60.0, null, 20.0), 0));
  }

  private static Comparison.Row row(Comparison c, String figure) {
    return c.rows().stream().filter(r -> r.figure().equals(figure)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + figure + " in " + c.rows()));
  }

  @Test
  void ratiosArePushgateOverNchan() {
    Comparison c = sample();
    assertEquals(0.5, row(c, "delivered per s").ratio());
    assertEquals("higher", row(c, "delivered per s").better());
    assertEquals(8.0, row(c, "end-to-end latency p50 ms").ratio());
    assertEquals(10.0, row(c, "end-to-end latency p99 ms").ratio());
    assertEquals(8.0, row(c, "end-to-end latency p99.9 ms").ratio());
    assertEquals(7.5, row(c, "end-to-end latency max ms").ratio());
    assertEquals(20.0, row(c, "server memory (PSS) at the end, MiB").ratio());
  }

  @Test
  void cpuIsComparedForTheWholeServerAndForItsMainProcess() {
    Comparison c = sample();
    Comparison.Row whole = row(c, "server CPU ms per 1,000 delivered, all its processes");
    assertEquals(450.0, whole.pushgate(), "gateway JVM + PostgreSQL");
    assertEquals(60.0, whole.nchan());
    assertEquals(7.5, whole.ratio());
    Comparison.Row main = row(c, "server CPU ms per 1,000 delivered, gateway JVM | nginx (master + workers)");
    assertEquals(300.0, main.pushgate(), "the gateway JVM alone");
    assertEquals(5.0, main.ratio());
    assertEquals("lower", main.better());
  }

  @Test
  void aFigureMissingOnEitherSideOrZeroOnNchansHasNoRatio() {
    Comparison c = Comparison.of(
        run("pushgate", true, PUSHGATE_LATENCY, new ServerUsage("pushgate", 10, 1, Map.of(), null), 3),
        run("Nchan", false, LatencySummary.EMPTY, null, 0));
    Comparison.Row cpu = row(c, "server CPU ms per 1,000 delivered, all its processes");
    assertNull(cpu.pushgate(), "not measured");
    assertNull(cpu.nchan());
    assertNull(cpu.ratio());
    assertNull(row(c, "end-to-end latency p50 ms").nchan(), "nothing recorded is no figure, not 0 ms");
    assertNull(row(c, "end-to-end latency p50 ms").ratio());
    assertEquals(3.0, row(c, "lost").pushgate());
    assertNull(row(c, "lost").ratio(), "3 lost against none: no ratio");
    assertFalse(c.passed(), "one run failed");
  }

  @Test
  void bothRunsAndTheRatiosGoIntoOneResultJson() throws IOException {
    Path file = dir.resolve("result.json");
    ResultJson.write(sample(), file);
    JsonNode json = ResultJson.read(file);
    assertTrue(json.path("passed").asBoolean());
    assertEquals(Comparison.RATIO_MEANING, json.path("ratioMeaning").asText());
    assertEquals("pushgate", json.path("pushgate").path("serverUsage").path("server").asText());
    assertEquals("Nchan", json.path("nchan").path("serverUsage").path("server").asText());
    JsonNode first = json.path("rows").get(0);
    assertEquals("delivered per s", first.path("figure").asText());
    assertEquals(0.5, first.path("ratio").asDouble());
  }

  @Test
  void thePageShowsTheTableAndBothRunsAndNothingFromElsewhere() {
    String html = ComparisonReport.render(sample());
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<h1>pushgate vs Nchan: unicast</h1>"));
    assertTrue(html.contains("<th>server CPU ms per 1,000 delivered, all its processes</th>"), "the table");
    assertTrue(html.contains("<td class=\"n\">7.500</td>"), "a ratio");
    assertTrue(html.contains("The run against pushgate") && html.contains("The run against Nchan"), "both runs");
    assertTrue(html.contains("<h3>Totals</h3>"), "each run's sections one level down");
    assertTrue(html.contains("Nchan p99"), "the shared latency chart");
    assertFalse(html.contains("<script"));
    assertFalse(html.matches("(?s).*(src|href)=\"http.*"));
  }
}
