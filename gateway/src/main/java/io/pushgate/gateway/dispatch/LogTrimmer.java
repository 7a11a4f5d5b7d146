package io.pushgate.gateway.dispatch;

import io.pushgate.gateway.store.Coalescer;
import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.gateway.store.NotificationRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Removes confirmed notifications from the log, many confirmations per statement. Every client
 * confirms what it read (ncAck, connAck, a resume point, the next long poll); one DELETE per
 * confirmation cost more than all the inserts together, so confirmations are coalesced per channel
 * (only the highest sequence number matters) by a {@link Coalescer}.
 *
 * <p>A confirmation that never reaches the database (the gateway stopped hard) only means those
 * notifications are offered again after a restart (delivery is at least once); nothing is lost.
 */
@Singleton
public final class LogTrimmer implements AutoCloseable {
  private final Coalescer<String, Long> cuts;

  @Inject
  LogTrimmer(NotificationRepository repository, DbExecutor db) {
    this.cuts = new Coalescer<>(db, Math::max, repository::removeUpTo, "confirmed notifications");
  }

  /** The log of {@code channelId} may lose everything up to and including {@code seq}. */
  void trim(String channelId, long seq) {
    cuts.add(channelId, seq);
  }

  /** Confirmations waiting to be written, one per channel. */
  int pending() {
    return cuts.pending();
  }

  /** Writes what is pending (at shutdown, after the sockets are closed). */
  @Override
  public void close() {
    cuts.flush();
  }
}
