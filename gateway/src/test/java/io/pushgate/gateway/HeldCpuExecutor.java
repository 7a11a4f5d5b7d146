package io.pushgate.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread and every queue slot of a {@link CpuExecutor}, taken by tasks that wait until the test
 * lets go: work sent meanwhile is refused as the executor refuses it under load. Close releases them
 * and returns once they are done, so the executor takes work again.
 */
public final class HeldCpuExecutor implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final CpuExecutor cpu;

  private HeldCpuExecutor(CpuExecutor cpu) {
    this.cpu = cpu;
  }

  /**
   * Fills the executor, waits until each of its threads runs a held task, then fills the slots those
   * freed: a thread still finishing earlier work would otherwise take a held task from the queue only
   * later, and leave room for the work the test expects refused.
   */
  public static HeldCpuExecutor hold(CpuExecutor cpu) {
    HeldCpuExecutor held = new HeldCpuExecutor(cpu);
    try {
      Await.until(WAIT, "every CPU thread runs a held task", () -> {
        held.fill();
        return held.started.get() == CpuExecutor.THREADS;
      });
      held.fill();
      return held;
    } catch (RuntimeException | AssertionError e) {
      held.close();
      throw e;
    }
  }

  /** Sends waiting tasks until one is refused; fails if none is within far more than the executor's bound. */
  private void fill() {
    for (int sent = 0; sent <= 10 * (CpuExecutor.QUEUED_TASKS + CpuExecutor.THREADS); sent++) {
      CompletableFuture<Boolean> task = cpu.supply(() -> {
        started.incrementAndGet();
        try {
          return release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        } finally {
          finished.incrementAndGet();
        }
      });
      if (task.isCompletedExceptionally()) {
        return; // refused at once: every thread busy, every slot taken
      }
      taken.incrementAndGet();
    }
    throw new AssertionError("the CPU executor took every task: its queue is not bounded");
  }

  @Override
  public void close() {
    release.countDown();
    Await.until(WAIT, "the held tasks finish", () -> finished.get() == taken.get());
  }
}
