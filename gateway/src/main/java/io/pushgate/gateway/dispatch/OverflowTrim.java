package io.pushgate.gateway.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-channel bound of the log ({@code --channel-queue-limit}): after a group commit, a channel
 * holding more than the limit loses its oldest notifications. The cuts of one commit are removed
 * together, one statement however many channels overflowed (a fan-out to many slow channels would
 * otherwise cost one round trip each on the log writer's thread), and what went is counted.
 *
 * <p>The log writer's thread only, apart from {@link #dropped()}.
 */
final class OverflowTrim {
  private static final Logger log = LoggerFactory.getLogger(OverflowTrim.class);

  private final int limit;
  private final ToIntFunction<Map<String, Long>> removeUpTo;
  private final Map<String, Long> cuts = new HashMap<>();
  private final AtomicLong dropped = new AtomicLong();

  /** {@code removeUpTo} removes each channel's notifications up to its cut and returns how many went. */
  OverflowTrim(int limit, ToIntFunction<Map<String, Long>> removeUpTo) {
    this.limit = limit;
    this.removeUpTo = removeUpTo;
  }

  /** Notes where {@code channel} must be cut, if this commit took it over the limit. */
  void check(LiveChannel channel) {
    long cut = channel.overflowCut(limit);
    if (cut >= 0) {
      cuts.merge(channel.id(), cut, Math::max);
    }
  }

  /** Removes everything noted since the last call, in one statement, and counts it. */
  void removeCuts() {
    if (cuts.isEmpty()) {
      return;
    }
    try {
      int removed = removeUpTo.applyAsInt(cuts);
      dropped.addAndGet(removed);
      log.debug("{} channel(s) over their limit of {} notifications: dropped the oldest {}", cuts.size(), limit,
          removed);
    } catch (RuntimeException e) {
      log.warn("could not drop the oldest notifications of {} channel(s) over their limit: {}", cuts.size(),
          e.toString());
    } finally {
      cuts.clear();
    }
  }

  /** Notifications removed because their channel held more than the limit. */
  long dropped() {
    return dropped.get();
  }
}
