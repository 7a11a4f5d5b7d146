package io.pushgate.bench.metrics;

/**
 * The harness's one clock: nanoseconds since this JVM loaded the class. Senders stamp notifications
 * with it and receivers read it again, so a latency is the difference of two readings of the same
 * monotonic clock in the same process. Stamps are meaningless in another process.
 */
public final class BenchClock {
  private static final long ORIGIN = System.nanoTime();

  private BenchClock() {}

  /** Nanoseconds since the harness started; never decreases. */
  public static long nanos() {
    return System.nanoTime() - ORIGIN;
  }
}
