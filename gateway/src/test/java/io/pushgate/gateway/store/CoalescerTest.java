package io.pushgate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.GatewayConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batches spaced start to start: what comes within the spacing waits on the timer and goes in one batch. */
@Timeout(30)
class CoalescerTest {
  /** Long enough that the test's next updates surely come within it, even on a slow machine. */
  private static final Duration SPACING = Duration.ofSeconds(2);
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final DbExecutor db = new DbExecutor(GatewayConfigs.defaults());
  private final CountingTimer timer = new CountingTimer();
  /** Each batch written, with when its write began. */
  private final List<Batch> written = new CopyOnWriteArrayList<>();

  private record Batch(Map<String, Long> updates, long startedNanos) {}

  @AfterEach
  void close() {
    timer.shutdownNow();
    db.close();
  }

  private int write(Map<String, Long> batch) {
    written.add(new Batch(Map.copyOf(batch), System.nanoTime()));
    return batch.size();
  }

  @Test
  void testSuccess_updatesWithinTheSpacingWaitForOneBatch() {
    Coalescer<String, Long> coalescer = new Coalescer<>(db, timer, SPACING, Math::max, this::write, "test updates");

    // the first update after a quiet spell (here: since creation) is written at once, not via the timer
    long beforeFirst = System.nanoTime(); // the first batch begins after this
    coalescer.add("a", 1L);
    Await.until(DEADLINE, "the first batch", () -> written.size() == 1);
    assertEquals(0, timer.scheduled.get(), "the first batch did not wait on the timer");

    // these come within the spacing: they wait for it and are written together, merged per key
    coalescer.add("b", 1L);
    coalescer.add("c", 2L);
    coalescer.add("b", 3L);
    Await.until(DEADLINE, "the second batch", () -> written.size() == 2);

    assertEquals(Map.of("a", 1L), written.get(0).updates());
    assertEquals(Map.of("b", 3L, "c", 2L), written.get(1).updates(), "one batch, the highest per key");
    assertEquals(1, timer.scheduled.get(), "the second batch waited on the timer once");
    // the second batch begins at least the spacing after the first began, so after beforeFirst + spacing;
    // a lower bound only: a slow machine makes it longer, never shorter
    long apart = written.get(1).startedNanos() - beforeFirst;
    assertTrue(apart >= SPACING.toNanos(), "the second batch began " + apart / 1_000_000 + " ms after the first add");
    // taken off what is pending once written (the write function runs before that)
    Await.until(DEADLINE, "nothing pending", () -> coalescer.pending() == 0);
  }

  @Test
  void testSuccess_withoutSpacingTheNextBatchFollowsAtOnce() {
    Coalescer<String, Long> coalescer = new Coalescer<>(db, Math::max, this::write, "test updates");

    coalescer.add("a", 1L);
    Await.until(DEADLINE, "the first batch", () -> written.size() == 1);
    coalescer.add("b", 1L);
    Await.until(DEADLINE, "the second batch", () -> written.size() == 2);

    assertEquals(Map.of("b", 1L), written.get(1).updates());
  }

  @Test
  void testSuccess_aStoppedTimerLeavesTheUpdatesForFlush() {
    Coalescer<String, Long> coalescer = new Coalescer<>(db, timer, Duration.ofHours(1), Math::max, this::write,
        "test updates");
    coalescer.add("a", 1L);
    // written, and then taken off what is pending (the write function runs before that)
    Await.until(DEADLINE, "the first batch done", () -> written.size() == 1 && coalescer.pending() == 0);

    timer.shutdown(); // as at shutdown: the event loops close after the log
    coalescer.add("b", 2L);
    assertEquals(1, coalescer.pending(), "kept, not lost, when the timer refuses the delayed batch");

    coalescer.flush();
    assertEquals(2, written.size());
    assertEquals(Map.of("b", 2L), written.get(1).updates());
    assertEquals(0, coalescer.pending());
  }

  /** A real single-thread timer that counts the delayed batches handed to it. */
  private static final class CountingTimer extends ScheduledThreadPoolExecutor {
    final AtomicInteger scheduled = new AtomicInteger();

    CountingTimer() {
      super(1, Executors.defaultThreadFactory());
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      ScheduledFuture<?> future = super.schedule(command, delay, unit);
      scheduled.incrementAndGet();
      return future;
    }
  }
}
