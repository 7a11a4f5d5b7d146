package io.pushgate.gateway;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fixed pool of named daemon threads behind a bounded queue: work beyond the queue is refused at
 * once with the owner's {@link ServerBusyException} (answered 503), never queued without bound. The
 * executors that keep blocking or costly work off the event loops ({@code DbExecutor},
 * {@link CpuExecutor}, the {@code /metrics} scraper) are each one of these, sized for their work.
 */
public final class BoundedPool {
  private final ThreadPoolExecutor executor;
  private final Supplier<? extends ServerBusyException> refusal;

  /**
   * {@code threads} threads named {@code name-1}, {@code name-2}, ...; at most {@code queuedTasks}
   * waiting; {@code refusal} makes the failure of work that finds the queue full.
   */
  public BoundedPool(String name, int threads, int queuedTasks, Supplier<? extends ServerBusyException> refusal) {
    AtomicInteger counter = new AtomicInteger();
    this.refusal = refusal;
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queuedTasks),
        task -> {
          Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Runs {@code work} on a pool thread; the future fails with the refusal when the queue is full. */
  public <T> CompletableFuture<T> supply(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(refusal.get());
    }
  }

  /** Stops taking work, lets queued work finish for at most {@code grace}, then interrupts what is left. */
  public void close(Duration grace) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
