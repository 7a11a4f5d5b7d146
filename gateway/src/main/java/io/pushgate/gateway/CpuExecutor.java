package io.pushgate.gateway;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Costly CPU work that must not run on an event loop, today the signature check of a bearer token
 * (RS256/ES256 cost tens of microseconds or more, and a loop serves thousands of connections): a
 * small fixed pool behind a bounded queue of {@link #QUEUED_TASKS}. When the queue is full, work is
 * refused at once with {@link ServerBusyException}, which the REST layer answers 503 with
 * {@code Retry-After: 1} in the spec's error format (as for a busy database), so a flood of fresh
 * tokens costs a bounded amount of memory and waiting. The future completes on a pool thread: a
 * caller that touches its connection hops back to the channel's event loop.
 *
 * <p>Not the database executor: its threads wait on JDBC, and a slow database must not hold up
 * authentication, nor a burst of logins the database.
 */
@Singleton
public final class CpuExecutor implements AutoCloseable {
  /** Half the cores, at least one and at most four: the event loops keep the rest. */
  public static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
  /** Tasks waiting for a thread: a burst of logins fits; a longer queue would only make each wait longer. */
  public static final int QUEUED_TASKS = 1_000;

  private final BoundedPool pool =
      new BoundedPool("pushgate-cpu", THREADS, QUEUED_TASKS, () -> new ServerBusyException("CPU executor queue"));

  @Inject
  CpuExecutor() {}

  /** Runs {@code work} on a CPU thread; the future fails with ServerBusyException when the queue is full. */
  public <T> CompletableFuture<T> supply(Supplier<T> work) {
    return pool.supply(work);
  }

  /** Stops the threads at once: work still queued belongs to connections the shutdown has closed. */
  @Override
  public void close() {
    pool.close(Duration.ZERO);
  }
}
