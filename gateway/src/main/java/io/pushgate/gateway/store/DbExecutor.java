package io.pushgate.gateway.store;

import io.pushgate.gateway.GatewayConfig;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The only place JDBC runs: a fixed pool with one thread per pooled connection and a bounded queue.
 * When the queue is full the task is refused at once with {@link DatabaseBusyException} (answered 503
 * by the REST layer) instead of queueing without bound behind a slow database.
 */
@Singleton
public final class DbExecutor implements AutoCloseable {
  /** Tasks waiting for a thread, per thread; beyond this the database is clearly not keeping up. */
  static final int QUEUED_TASKS_PER_THREAD = 1_000;

  private final ThreadPoolExecutor executor;

  @Inject
  DbExecutor(GatewayConfig config) {
    int threads = config.dbPoolSize();
    AtomicInteger counter = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(threads * QUEUED_TASKS_PER_THREAD),
        task -> {
          Thread thread = new Thread(task, "pushgate-db-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Runs {@code work} on a database thread; the future fails with DatabaseBusyException when full. */
  public <T> CompletableFuture<T> supply(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new DatabaseBusyException("database executor queue"));
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
