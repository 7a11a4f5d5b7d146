package io.pushgate.bench.metrics;

import io.pushgate.bench.report.Interval;
import io.pushgate.bench.report.LatencySummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Once a second, takes the interval's latencies and counts from {@link LoadMetrics}, prints one
 * progress line and appends an {@link Interval} to the timeline; also sums the intervals into the
 * whole run's histograms. Runs on its own daemon thread so a busy event loop cannot delay it.
 *
 * <p>The timeline keeps at most {@value #MAX_INTERVALS} entries (a day of seconds); later ones are
 * still printed and counted in the totals, but not kept.
 */
public final class ProgressReporter implements AutoCloseable {
  static final int MAX_INTERVALS = 86_400;
  private static final long MIN_FINAL_NANOS = 250_000_000L;

  private final LoadMetrics metrics;
  private final PrintStream out;
  private final Supplier<String> extra;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-progress");
    t.setDaemon(true);
    return t;
  });
  private final List<Interval> timeline = new ArrayList<>();
  private final Histogram deliveryTotal = new Histogram(LoadMetrics.MAX_MICROS, 3);
  private final Histogram ingressTotal = new Histogram(LoadMetrics.MAX_MICROS, 3);
  private Histogram deliveryInterval;
  private Histogram ingressInterval;
  private long startNanos;
  private long lastNanos;
  private long lastAccepted;
  private long lastReceived;
  private boolean stopped;

  /**
   * @param metrics the counters to sample
   * @param out where progress lines go
   * @param extra appended to each line (e.g. the fan-out's changes so far); may return ""
   */
  public ProgressReporter(LoadMetrics metrics, PrintStream out, Supplier<String> extra) {
    this.metrics = metrics;
    this.out = out;
    this.extra = extra;
  }

  /** Starts the clock of the timeline and the once-a-second sampling; discards what was recorded before. */
  public synchronized void start() {
    metrics.takeDelivery(null);
    metrics.takeIngress(null);
    startNanos = BenchClock.nanos();
    lastNanos = startNanos;
    lastAccepted = metrics.accepted();
    lastReceived = metrics.received();
    timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Stops sampling after one last, possibly shorter, interval: its latencies and counts go into the
   * totals, and into the timeline only when it is at least a quarter of a second long (a sliver's
   * rates would be noise) or when it is the whole run (a run that short still gets its one point).
   * Idempotent.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    timer.shutdownNow();
    sample(timeline.isEmpty() || BenchClock.nanos() - lastNanos >= MIN_FINAL_NANOS);
    stopped = true;
  }

  @Override
  public void close() {
    stop();
  }

  /** Seconds from {@link #start()} to now, or to {@link #stop()}. */
  public synchronized double elapsedSeconds() {
    return (lastNanos - startNanos) / 1e9;
  }

  public synchronized List<Interval> timeline() {
    return List.copyOf(timeline);
  }

  /** Every delivery latency recorded since {@link #start()}, in microseconds (a copy). */
  public synchronized Histogram deliveryTotal() {
    return deliveryTotal.copy();
  }

  /** Every ingress latency recorded since {@link #start()}, in microseconds (a copy). */
  public synchronized Histogram ingressTotal() {
    return ingressTotal.copy();
  }

  private synchronized void sample() {
    sample(true);
  }

  private synchronized void sample(boolean show) {
    if (stopped) {
      return;
    }
    long now = BenchClock.nanos();
    deliveryInterval = metrics.takeDelivery(deliveryInterval);
    ingressInterval = metrics.takeIngress(ingressInterval);
    deliveryTotal.add(deliveryInterval);
    ingressTotal.add(ingressInterval);
    long accepted = metrics.accepted();
    long received = metrics.received();
    double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
    Interval interval = new Interval(round((now - startNanos) / 1e9), metrics.connections(),
        round((accepted - lastAccepted) / seconds), round((received - lastReceived) / seconds),
        metrics.errors().total(), LatencySummary.ofMicros(deliveryInterval));
    lastNanos = now;
    lastAccepted = accepted;
    lastReceived = received;
    if (!show) {
      return;
    }
    if (timeline.size() < MAX_INTERVALS) {
      timeline.add(interval);
    }
    out.println(line(interval, metrics.rejected(), extra.get()));
  }

  static String line(Interval i, long rejected, String extra) {
    return String.format(Locale.ROOT,
        "[%6.1fs] conns %6d | sent %9.0f/s | recv %9.0f/s | p50 %8.2f ms | p99 %8.2f ms | errors %d | 503s %d%s",
        i.atSeconds(), i.connections(), i.sentPerSecond(), i.receivedPerSecond(), i.latency().p50Ms(),
        i.latency().p99Ms(), i.errors(), rejected, extra.isEmpty() ? "" : " | " + extra);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
