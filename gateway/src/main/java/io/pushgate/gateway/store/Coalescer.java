package io.pushgate.gateway.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes many small, idempotent updates as one statement: updates are merged per key (only the
 * merged value is written) and written by one task at a time on the {@link DbExecutor}; while one
 * batch is written, the next updates gather, so the batch grows with the load and an idle gateway
 * writes a single update at once. For updates nobody waits on: a confirmation's removal, a lifetime
 * refresh. An update someone does wait on can be written apart from the batches, in order with
 * them ({@link #supersede}).
 *
 * <p>Batches may be spaced (start to start): a statement costs the database a transaction and a WAL
 * flush whatever it carries, so under a steady trickle of updates, writing each batch as soon as the
 * previous one is done buys nothing but many tiny transactions. With a spacing, what arrives within
 * it waits on a timer and joins the next batch; an update after a quiet spell is written at once.
 *
 * <p>Bound: one pending entry per key. When the executor is full or a write fails, the entries stay
 * pending and go with the next update (or at {@link #flush()}).
 *
 * @param <K> what an update is about (a channel id)
 * @param <V> the update; two for one key merge into one
 */
public final class Coalescer<K, V> {
  private static final Logger log = LoggerFactory.getLogger(Coalescer.class);

  private final DbExecutor db;
  private final ScheduledExecutorService timer;
  private final long spacingNanos;
  private final BinaryOperator<V> merge;
  private final ToIntFunction<Map<K, V>> write;
  private final String what;
  private final ConcurrentHashMap<K, V> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /**
   * A batch is written under the write lock, an update by {@link #supersede} under the read lock: no
   * batch is written while such an update is, and those updates may be written together.
   */
  private final ReadWriteLock order = new ReentrantReadWriteLock();
  /** When the last batch began ({@link System#nanoTime()}); written by one batch at a time. */
  private volatile long lastStart;

  /**
   * A coalescer whose batches follow each other at once.
   *
   * @param merge combines the update pending for a key with one added for it, in that order
   * @param write writes a batch in one statement (on a database thread), returning rows changed
   * @param what names the updates in logs
   */
  public Coalescer(DbExecutor db, BinaryOperator<V> merge, ToIntFunction<Map<K, V>> write, String what) {
    this(db, null, Duration.ZERO, merge, write, what);
  }

  /**
   * A coalescer whose batches begin at least {@code spacing} apart.
   *
   * @param timer delays a batch that comes too soon after the last one; its task only hands the batch
   *              to the database executor, so an event loop may be the timer
   */
  public Coalescer(DbExecutor db, ScheduledExecutorService timer, Duration spacing, BinaryOperator<V> merge,
      ToIntFunction<Map<K, V>> write, String what) {
    if (!spacing.isZero() && timer == null) {
      throw new IllegalArgumentException("a spacing needs a timer");
    }
    this.db = db;
    this.timer = timer;
    this.spacingNanos = spacing.toNanos();
    this.lastStart = System.nanoTime() - spacingNanos;
    this.merge = merge;
    this.write = write;
    this.what = what;
  }

  /** Queues an update; it is written with the next batch. */
  public void add(K key, V value) {
    pending.merge(key, value, merge);
    schedule();
  }

  /** Updates waiting to be written, one per key. */
  public int pending() {
    return pending.size();
  }

  private void schedule() {
    if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
      long wait = lastStart + spacingNanos - System.nanoTime();
      if (wait <= 0) {
        write();
        return;
      }
      try {
        timer.schedule(this::write, wait, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopping) {
        scheduled.set(false); // the timer has stopped: the entries stay for flush()
      }
    }
  }

  private void write() {
    CompletableFuture<Integer> written = db.supply(this::writePending);
    written.whenComplete((rows, failure) -> {
      scheduled.set(false);
      if (failure != null) {
        log.warn("could not write {} (kept for the next batch): {}", what, failure.toString());
      } else {
        schedule(); // what came while this batch was written
      }
    });
  }

  private int writePending() {
    Lock lock = order.writeLock();
    lock.lock();
    try {
      lastStart = System.nanoTime();
      Map<K, V> batch = new HashMap<>(pending);
      if (batch.isEmpty()) {
        return 0;
      }
      int written = write.applyAsInt(batch);
      // drop only what was written: a newer update that came meanwhile stays for the next batch
      batch.forEach(pending::remove);
      return written;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes an update of {@code key} apart from the batches (for a caller that waits for its result),
   * in order with them: the update pending for the key is dropped when {@code replaced} says this one
   * replaces it, and no batch is written while {@code write} runs. So a pending update it replaces is
   * written before it or not at all, and one added after this call began is written after it (a batch
   * in progress finishes first). Runs on the calling thread, a database thread; calls may run together.
   *
   * @return what {@code write} returns
   */
  public <T> T supersede(K key, Predicate<V> replaced, Supplier<T> write) {
    Lock lock = order.readLock();
    lock.lock();
    try {
      pending.computeIfPresent(key, (k, pendingUpdate) -> replaced.test(pendingUpdate) ? null : pendingUpdate);
      return write.get();
    } finally {
      lock.unlock();
    }
  }

  /** Writes what is pending on the calling thread (at shutdown; not on an event loop). */
  public void flush() {
    try {
      int written = writePending();
      log.debug("wrote {} pending {} at shutdown", written, what);
    } catch (RuntimeException e) {
      log.warn("could not write pending {} at shutdown: {}", what, e.toString());
    }
  }
}
