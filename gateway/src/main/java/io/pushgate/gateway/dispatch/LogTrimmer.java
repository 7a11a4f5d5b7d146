package io.pushgate.gateway.dispatch;

import io.pushgate.gateway.EventLoops;
import io.pushgate.gateway.store.Coalescer;
import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.gateway.store.NotificationRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Removes confirmed notifications from the log, many confirmations per statement. Every client
 * confirms what it read (ncAck, connAck, a resume point, the next long poll); one DELETE per
 * confirmation cost more than all the inserts together, so confirmations are coalesced per channel
 * (only the highest sequence number matters) by a {@link Coalescer}, in statements at least
 * {@link #SPACING} apart.
 *
 * <p>A confirmation that never reaches the database (the gateway stopped hard) only means those
 * notifications are offered again after a restart (delivery is at least once); nothing is lost.
 */
@Singleton
public final class LogTrimmer implements AutoCloseable {
  /**
   * Removal statements begin at least this far apart. Written back to back, they followed the
   * confirmations as they trickled in: hundreds of tiny transactions a second, each with its WAL
   * flush. Measured at unicast 10,000/s (README, Performance): PostgreSQL 0.45 cores at once, 0.34
   * spaced 20 ms; 50 ms saved no more and 100 ms made each statement long enough to hold up commits.
   * Nobody waits for a removal: the cost is that a crash may offer up to this much more again.
   */
  static final Duration SPACING = Duration.ofMillis(20);

  private final Coalescer<String, Long> cuts;

  @Inject
  LogTrimmer(NotificationRepository repository, DbExecutor db, EventLoops loops) {
    this.cuts = new Coalescer<>(db, loops.group().next(), SPACING, Math::max, repository::removeUpTo,
        "confirmed notifications");
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
