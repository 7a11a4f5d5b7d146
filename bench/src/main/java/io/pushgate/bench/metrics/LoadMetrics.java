package io.pushgate.bench.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live counters of a run, written from any thread (event loops, the sender) without locks and
 * read once a second by the {@link ProgressReporter}. Latencies go into HdrHistogram
 * {@link Recorder}s in microseconds, so each second's distribution can be taken without stopping the
 * writers.
 */
public final class LoadMetrics {
  /** Largest latency tracked: an hour. Larger values are recorded as an hour. */
  static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);
  private static final int DIGITS = 3;

  private final Recorder delivery = new Recorder(MAX_MICROS, DIGITS);
  private final Recorder ingress = new Recorder(MAX_MICROS, DIGITS);
  private final LongAdder accepted = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final AtomicInteger connections = new AtomicInteger();
  private final LongAdder connectFailures = new LongAdder();
  private final ErrorCounts errors = new ErrorCounts();
  private final AtomicLong lastReceived = new AtomicLong();

  /** A notification arrived {@code nanos} after it was stamped. */
  public void deliveryLatency(long nanos) {
    delivery.recordValue(clampMicros(nanos));
  }

  /** An ingress POST was answered 2xx {@code nanos} after it was written. */
  public void ingressLatency(long nanos) {
    ingress.recordValue(clampMicros(nanos));
  }

  /** The gateway accepted {@code n} notifications. */
  public void accepted(int n) {
    accepted.add(n);
  }

  /** {@code n} notifications were read from a socket (duplicates included). */
  public void received(int n) {
    received.add(n);
  }

  /** A message was read from a socket at {@code nanos} ({@link BenchClock}). */
  public void messageRead(long nanos) {
    if (nanos > lastReceived.get()) {
      lastReceived.accumulateAndGet(nanos, Math::max);
    }
  }

  /** {@link BenchClock} time of the last message read from any socket; 0 before the first. */
  public long lastReceivedNanos() {
    return lastReceived.get();
  }

  /** An ingress POST was answered 503. */
  public void countRejected() {
    rejected.increment();
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public void connectFailed() {
    connectFailures.increment();
  }

  public ErrorCounts errors() {
    return errors;
  }

  public long accepted() {
    return accepted.sum();
  }

  public long received() {
    return received.sum();
  }

  public long rejected() {
    return rejected.sum();
  }

  public int connections() {
    return connections.get();
  }

  public long connectFailures() {
    return connectFailures.sum();
  }

  /** Delivery latencies since the previous call, into {@code recycle} when given. */
  Histogram takeDelivery(Histogram recycle) {
    return delivery.getIntervalHistogram(recycle);
  }

  /** Ingress latencies since the previous call. */
  Histogram takeIngress(Histogram recycle) {
    return ingress.getIntervalHistogram(recycle);
  }

  private static long clampMicros(long nanos) {
    return Math.max(0, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }
}
