package io.pushgate.gateway.dispatch;

import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.gateway.store.NotificationRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes confirmed notifications from the log, many confirmations per statement. Every client
 * confirms what it read (ncAck, connAck, a resume point, the next long poll); one DELETE per
 * confirmation cost more than all the inserts together, so confirmations are coalesced per channel
 * (only the highest sequence number matters) and written by one task at a time on the database
 * executor: while one removal runs, the next confirmations gather, so the batch grows with the load.
 *
 * <p>Bound: one entry per channel with an unwritten confirmation, so at most the number of channels.
 * When the database executor is full the confirmations stay pending and go with the next one; a
 * confirmation that never reaches the database only means those notifications are offered again
 * after a restart (delivery is at least once), never that anything is lost.
 */
@Singleton
public final class LogTrimmer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogTrimmer.class);

  private final NotificationRepository repository;
  private final DbExecutor db;
  private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  @Inject
  LogTrimmer(NotificationRepository repository, DbExecutor db) {
    this.repository = repository;
    this.db = db;
  }

  /** The log of {@code channelId} may lose everything up to and including {@code seq}. */
  void trim(String channelId, long seq) {
    pending.merge(channelId, seq, Math::max);
    schedule();
  }

  /** Confirmations waiting to be written, one per channel. */
  int pending() {
    return pending.size();
  }

  private void schedule() {
    if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
      db.supply(this::writePending).whenComplete((removed, failure) -> {
        scheduled.set(false);
        if (failure != null) {
          log.warn("could not remove confirmed notifications (will retry with the next confirmation): {}",
              failure.toString());
        } else {
          // confirmations that came while this batch was written
          schedule();
        }
      });
    }
  }

  /** Writes every pending confirmation in one statement; returns the rows removed. Database thread. */
  private int writePending() {
    Map<String, Long> batch = new HashMap<>();
    for (Map.Entry<String, Long> entry : pending.entrySet()) {
      batch.put(entry.getKey(), entry.getValue());
    }
    if (batch.isEmpty()) {
      return 0;
    }
    int removed = repository.removeUpTo(batch);
    // drop only what was written: a higher confirmation that came meanwhile stays for the next batch
    batch.forEach(pending::remove);
    return removed;
  }

  /**
   * Writes what is pending on the calling thread (at shutdown, after the sockets are closed), so a
   * restart does not offer confirmed notifications again.
   */
  @Override
  public void close() {
    try {
      int removed = writePending();
      log.debug("removed {} confirmed notifications at shutdown", removed);
    } catch (RuntimeException e) {
      log.warn("could not remove confirmed notifications at shutdown: {}", e.toString());
    }
  }
}
