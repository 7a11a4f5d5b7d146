package io.pushgate.gateway.store;

import io.pushgate.gateway.BoundedPool;
import io.pushgate.gateway.GatewayConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

  private final BoundedPool pool;

  @Inject
  DbExecutor(GatewayConfig config) {
    int threads = config.dbPoolSize();
    this.pool = new BoundedPool("pushgate-db", threads, threads * QUEUED_TASKS_PER_THREAD,
        () -> new DatabaseBusyException("database executor queue"));
  }

  /** Runs {@code work} on a database thread; the future fails with DatabaseBusyException when full. */
  public <T> CompletableFuture<T> supply(Supplier<T> work) {
    return pool.supply(work);
  }

  /** Lets queued statements finish for at most ten seconds. */
  @Override
  public void close() {
    pool.close(Duration.ofSeconds(10));
  }
}
