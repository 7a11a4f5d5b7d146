package io.pushgate.gateway.store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BinaryOperator;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes many small, idempotent updates as one statement: updates are merged per key (only the
 * merged value is written) and written by one task at a time on the {@link DbExecutor}; while one
 * batch is written, the next updates gather, so the batch grows with the load and an idle gateway
 * writes a single update at once. For updates nobody waits on: a confirmation's removal, a lifetime
 * refresh.
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
  private final BinaryOperator<V> merge;
  private final ToIntFunction<Map<K, V>> write;
  private final String what;
  private final ConcurrentHashMap<K, V> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /**
   * @param merge combines two updates of one key
   * @param write writes a batch in one statement (on a database thread), returning rows changed
   * @param what names the updates in logs
   */
  public Coalescer(DbExecutor db, BinaryOperator<V> merge, ToIntFunction<Map<K, V>> write, String what) {
    this.db = db;
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
      db.supply(this::writePending).whenComplete((written, failure) -> {
        scheduled.set(false);
        if (failure != null) {
          log.warn("could not write {} (kept for the next batch): {}", what, failure.toString());
        } else {
          schedule(); // what came while this batch was written
        }
      });
    }
  }

  private int writePending() {
    Map<K, V> batch = new HashMap<>(pending);
    if (batch.isEmpty()) {
      return 0;
    }
    int written = write.applyAsInt(batch);
    // drop only what was written: a newer update that came meanwhile stays for the next batch
    batch.forEach(pending::remove);
    return written;
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
