package io.pushgate.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.bench.report.Interval;
import io.pushgate.bench.report.LatencySummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

  @Test
  void totalsHoldEveryLatencyRecordedBetweenStartAndStop() {
    LoadMetrics metrics = new LoadMetrics();
    metrics.deliveryLatency(TimeUnit.SECONDS.toNanos(9)); // before start: discarded
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProgressReporter reporter = new ProgressReporter(metrics, new PrintStream(out, true, StandardCharsets.UTF_8), () -> "");
    reporter.start();
    for (int i = 1; i <= 100; i++) {
      metrics.deliveryLatency(TimeUnit.MILLISECONDS.toNanos(i));
    }
    metrics.ingressLatency(TimeUnit.MILLISECONDS.toNanos(3));
    reporter.stop();

    Histogram total = reporter.deliveryTotal();
    assertEquals(100, total.getTotalCount());
    LatencySummary summary = LatencySummary.ofMicros(total);
    assertEquals(50.0, summary.p50Ms(), 0.1);
    assertEquals(100.0, summary.maxMs(), 0.1);
    assertEquals(1, reporter.ingressTotal().getTotalCount());
    // the run lasted far less than a quarter of a second: its one interval is still its timeline
    assertEquals(1, reporter.timeline().size(), "a run that short keeps its one point");
    assertEquals(100, reporter.timeline().get(0).latency().count());
  }

  @Test
  void progressLineShowsTheFiguresOfItsInterval() {
    Interval interval = new Interval(12.0, 1000, 5000, 4990, 3,
        new LatencySummary(4990, 2.0, 1.5, 3.0, 7.25, 12.0, 15.0, 20.0));
    String line = ProgressReporter.line(interval, 2, "outstanding 10");
    assertTrue(line.contains("conns   1000"), line);
    assertTrue(line.contains("sent      5000/s"), line);
    assertTrue(line.contains("recv      4990/s"), line);
    assertTrue(line.contains("p50     1.50 ms"), line);
    assertTrue(line.contains("p99     7.25 ms"), line);
    assertTrue(line.contains("errors 3 | 503s 2 | outstanding 10"), line);
  }

  @Test
  void anEmptyHistogramSummarisesToZeros() {
    assertEquals(LatencySummary.EMPTY, LatencySummary.ofMicros(new Histogram(3)));
  }
}
