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
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();

  private HeldCpuExecutor() {}

  /** Sends waiting tasks until one is refused; fails if none is within far more than the executor's bound. */
  public static HeldCpuExecutor hold(CpuExecutor cpu) {
    HeldCpuExecutor held = new HeldCpuExecutor();
    for (int sent = 0; sent <= 10 * (CpuExecutor.QUEUED_TASKS + Runtime.getRuntime().availableProcessors()); sent++) {
      CompletableFuture<Boolean> task = cpu.supply(() -> {
        try {
          return held.release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        } finally {
          held.finished.incrementAndGet();
        }
      });
      if (task.isCompletedExceptionally()) {
        return held; // refused at once: every thread busy, every slot taken
      }
      held.taken.incrementAndGet();
    }
    held.close();
    throw new AssertionError("the CPU executor took every task: its queue is not bounded");
  }

  @Override
  public void close() {
    release.countDown();
    Await.until(Duration.ofSeconds(10), "the held tasks finish", () -> finished.get() == taken.get());
  }
}
