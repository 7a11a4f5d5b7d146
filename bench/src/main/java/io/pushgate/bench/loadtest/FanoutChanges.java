package io.pushgate.bench.loadtest;

import io.pushgate.bench.metrics.BenchClock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * The movie changes of a fan-out run. Change {@code k} sets the movie's premiereDate to
 * {@value #BASE_TEXT} plus {@code k} days, so a notification names its change by its date, whatever
 * else the movies service puts in it. Per change: when the PATCH left, how many channels got it, when
 * the last one did. At most {@code capacity} changes (the arrays are sized once).
 */
final class FanoutChanges {
  static final String BASE_TEXT = "2100-01-01";
  private static final LocalDate BASE = LocalDate.parse(BASE_TEXT);

  private final int channels;
  private final AtomicLongArray sentAt;
  private final AtomicLongArray lastAt;
  private final AtomicIntegerArray delivered;
  private final AtomicInteger begun = new AtomicInteger();
  private volatile int firstMeasured;
  /** The thread in {@link #awaitComplete}, if one is. */
  private volatile Thread waiter;

  FanoutChanges(int channels, int capacity) {
    this.channels = channels;
    this.sentAt = new AtomicLongArray(capacity);
    this.lastAt = new AtomicLongArray(capacity);
    this.delivered = new AtomicIntegerArray(capacity);
  }

  int capacity() {
    return sentAt.length();
  }

  int begun() {
    return begun.get();
  }

  /** From now on changes count in the figures (those before were the warm-up). */
  void startMeasuring() {
    firstMeasured = begun.get();
  }

  /** Changes begun since {@link #startMeasuring()}. */
  int measured() {
    return begun.get() - firstMeasured;
  }

  /** The premiereDate of change {@code k}. */
  static String dateOf(int k) {
    return BASE.plusDays(k).toString();
  }

  /** Starts the next change at {@code nanos}; its index. Called by one thread. */
  int begin(long nanos) {
    int k = begun.get();
    sentAt.set(k, nanos);
    begun.set(k + 1);
    return k;
  }

  /** The change a premiereDate stands for, or -1 when it is none of this run's. */
  int indexOf(String premiereDate) {
    if (premiereDate == null || premiereDate.length() < 10) {
      return -1;
    }
    try {
      long k = ChronoUnit.DAYS.between(BASE, LocalDate.parse(premiereDate.substring(0, 10)));
      return k >= 0 && k < begun.get() ? (int) k : -1;
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  long sentAt(int k) {
    return sentAt.get(k);
  }

  /** A channel got change {@code k} (first copy) at {@code nanos}; the last one wakes {@link #awaitComplete}. */
  void delivered(int k, long nanos) {
    lastAt.accumulateAndGet(k, nanos, Math::max); // before the count: whoever sees it complete sees its last time
    if (delivered.incrementAndGet(k) == channels) {
      wake();
    }
  }

  /**
   * Waits until every channel got change {@code k}, {@code abandoned} says to stop waiting (call
   * {@link #wake()} when that changes), or {@code deadlineNanos} (on {@link BenchClock}) passes.
   * The thread sleeps meanwhile: polling the count every 100 us cost the harness about 0.05 of a
   * core (async-profiler, fan-out of 10,000 channels), taken from the gateway it shares the box with.
   *
   * @return whether the change is complete
   */
  boolean awaitComplete(int k, long deadlineNanos, BooleanSupplier abandoned) {
    waiter = Thread.currentThread();
    try {
      for (long left; !complete(k) && !abandoned.getAsBoolean() && (left = deadlineNanos - BenchClock.nanos()) > 0; ) {
        LockSupport.parkNanos(this, left);
      }
      return complete(k);
    } finally {
      waiter = null;
    }
  }

  /** Wakes the thread in {@link #awaitComplete}, if any, to look again. */
  void wake() {
    Thread thread = waiter;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  boolean complete(int k) {
    return delivered.get(k) >= channels;
  }

  /** Measured changes every channel got. */
  int completed() {
    int n = 0;
    for (int k = firstMeasured; k < begun.get(); k++) {
      if (complete(k)) {
        n++;
      }
    }
    return n;
  }

  /** For each complete measured change: from its PATCH to the last channel's delivery, in microseconds. */
  Histogram completionMicros() {
    Histogram h = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    for (int k = firstMeasured; k < begun.get(); k++) {
      if (complete(k)) {
        h.recordValue(Math.min(h.getHighestTrackableValue(), TimeUnit.NANOSECONDS.toMicros(lastAt.get(k) - sentAt.get(k))));
      }
    }
    return h;
  }
}
