package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.bench.metrics.BenchClock;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FanoutChangesTest {

  @Test
  void aChangeIsNamedByItsPremiereDate() {
    FanoutChanges changes = new FanoutChanges(2, 10);
    assertEquals(-1, changes.indexOf(FanoutChanges.dateOf(0)), "not begun yet");
    changes.begin(100);
    changes.begin(200);
    assertEquals("2100-01-01", FanoutChanges.dateOf(0));
    assertEquals(0, changes.indexOf("2100-01-01"));
    assertEquals(1, changes.indexOf(FanoutChanges.dateOf(1)));
    assertEquals(1, changes.indexOf("2100-01-02T00:00:00Z"), "a timestamp's date counts");
    assertEquals(-1, changes.indexOf(FanoutChanges.dateOf(2)), "not begun");
    assertEquals(-1, changes.indexOf("2026-12-25"), "a date of someone else's change");
    assertEquals(-1, changes.indexOf("soon"));
    assertEquals(-1, changes.indexOf(null));
  }

  @Test
  void aChangeIsCompleteWhenEveryChannelGotIt_andItsTimeRunsToTheLast() {
    FanoutChanges changes = new FanoutChanges(3, 10);
    int k = changes.begin(TimeUnit.MILLISECONDS.toNanos(1000));
    changes.delivered(k, TimeUnit.MILLISECONDS.toNanos(1030));
    changes.delivered(k, TimeUnit.MILLISECONDS.toNanos(1010));
    assertFalse(changes.complete(k));
    assertEquals(0, changes.completionMicros().getTotalCount());
    changes.delivered(k, TimeUnit.MILLISECONDS.toNanos(1020));
    assertTrue(changes.complete(k));
    assertEquals(1, changes.completed());
    assertEquals(30_000, changes.completionMicros().getMaxValue(), 30);
  }

  @Test
  @Timeout(10) // without the wake-up the waiter would sleep until its deadline, an hour away
  void theLastDeliveryWakesTheWaiter() throws Exception {
    FanoutChanges changes = new FanoutChanges(2, 10);
    int k = changes.begin(BenchClock.nanos());
    changes.delivered(k, BenchClock.nanos());
    FutureTask<Boolean> wait = new FutureTask<>(() -> changes.awaitComplete(k, BenchClock.nanos() + HOUR, () -> false));
    Thread waiter = parked(wait);
    changes.delivered(k, BenchClock.nanos());
    assertTrue(wait.get());
    waiter.join();
  }

  @Test
  @Timeout(10)
  void anAbandonedChangeEndsTheWait_whenWoken() throws Exception {
    FanoutChanges changes = new FanoutChanges(2, 10);
    int k = changes.begin(BenchClock.nanos());
    AtomicBoolean failed = new AtomicBoolean();
    FutureTask<Boolean> wait = new FutureTask<>(() -> changes.awaitComplete(k, BenchClock.nanos() + HOUR, failed::get));
    parked(wait);
    failed.set(true);
    changes.wake();
    assertFalse(wait.get(), "not complete: the PATCH failed");
  }

  @Test
  void theWaitEndsAtItsDeadline() {
    FanoutChanges changes = new FanoutChanges(2, 10);
    int k = changes.begin(BenchClock.nanos());
    changes.delivered(k, BenchClock.nanos());
    long deadline = BenchClock.nanos() + TimeUnit.MILLISECONDS.toNanos(20);
    assertFalse(changes.awaitComplete(k, deadline, () -> false));
    assertTrue(BenchClock.nanos() >= deadline, "returned at the deadline, not before");
  }

  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  /** Runs {@code wait} on a new thread and returns once that thread sleeps in it. */
  private static Thread parked(FutureTask<Boolean> wait) {
    Thread thread = new Thread(wait, "fanout-waiter");
    thread.start();
    while (thread.getState() != Thread.State.TIMED_WAITING && !wait.isDone()) {
      Thread.onSpinWait(); // the test's @Timeout bounds this
    }
    return thread;
  }
}
