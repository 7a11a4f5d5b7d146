package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.bench.report.Comparison;
import io.pushgate.bench.report.LatencySummary;
import io.pushgate.bench.report.RunResult;
import io.pushgate.bench.report.ServerUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonSummaryTest {
  private static RunResult run(String server, double p50, double cpu) {
    return new RunResult("unicast", true, List.of(), "2026-11-22T06:00:00Z", 30, "cmd", Map.of(), Map.of(),
        new RunResult.Totals(10, 0, 100, 100, 100, 0, 0, 0, 0, 0, Map.of()),
        new LatencySummary(100, p50, p50, p50, p50, p50, p50, p50), LatencySummary.EMPTY,
        new ServerUsage(server, 100, 1000, Map.of(server.equals("Nchan") ? "nginx" : "gateway JVM", cpu), 10.0),
        Map.of(), List.of());
  }

  @Test
  void oneAlignedLinePerFigureWithItsRatio() {
    List<String> lines = ComparisonSummary.lines(Comparison.of(run("pushgate", 6, 1500), run("Nchan", 2, 50)));
    assertTrue(lines.get(0).contains("both PASSED"), lines.get(0));
    String p50 = lines.stream().filter(l -> l.contains("end-to-end latency p50 ms")).findFirst().orElseThrow();
    assertTrue(p50.matches(".*\\s6\\s+2\\s+3\\.00\\s+lower$"), p50);
    String cpu = lines.stream().filter(l -> l.contains("all its processes")).findFirst().orElseThrow();
    assertTrue(cpu.matches(".*\\s1,500\\s+50\\s+30\\.00\\s+lower$"), cpu);
    String lost = lines.stream().filter(l -> l.trim().startsWith("lost")).findFirst().orElseThrow();
    assertTrue(lost.matches(".*\\s0\\s+0\\s+-\\s+lower$"), lost);
    assertEquals(lines.get(1).indexOf("pushgate") + "pushgate".length(), p50.indexOf(" 6 ") + 2, "columns aligned");
  }
}
