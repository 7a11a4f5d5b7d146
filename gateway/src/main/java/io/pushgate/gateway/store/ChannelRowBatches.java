package io.pushgate.gateway.store;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One at a time for the statements that write many channel rows at once: the confirmations'
 * {@code last_seq}, the lifetime refreshes (polls' and the others'), the expiry sweep's delete. Each locks its
 * rows in whatever order its plan visits them, so two running together could each hold a row the
 * other waits for: PostgreSQL then notices only after {@code deadlock_timeout} (1 s) and fails one.
 * Seen with a 5 s batch of long polls' refreshes against a batch of confirmations. They run on
 * database threads and nobody waits on their results, so taking turns costs nothing but the wait a
 * row lock would have cost anyway. A statement that writes one channel row cannot close such a cycle.
 * The log writer's trim of channels over their limit takes a turn too, so it may wait for one such
 * statement (a 5 s batch of 10,000 polls' refreshes is one statement).
 */
@Singleton
public final class ChannelRowBatches {
  private final ReentrantLock turn = new ReentrantLock();

  @Inject
  ChannelRowBatches() {}

  /** Runs {@code batch} (on a database thread) when no other batch of channel rows runs. */
  <T> T run(Supplier<T> batch) {
    turn.lock();
    try {
      return batch.get();
    } finally {
      turn.unlock();
    }
  }

  /** Whether {@code thread} waits for its batch's turn (tests). */
  public boolean waits(Thread thread) {
    return turn.hasQueuedThread(thread);
  }
}
