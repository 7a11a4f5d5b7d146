package io.pushgate.gateway.movies;

import io.pushgate.gateway.ServerBusyException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Admits movie changes: at most {@code inProgress} at a time, from admission until their notifications
 * are handed to the notification log. A change that arrives while they run waits its turn, in order,
 * for at most {@code maxWait}; still waiting then, or arriving when {@link #MAX_WAITING} already wait
 * (or at all, with no wait), it is refused with {@link ServerBusyException} (503, {@code Retry-After})
 * and not made.
 *
 * <p>Why: a change of a popular movie is a transaction and then thousands of notifications to build
 * and append. Under overload, changes queued on the database executor would hold its threads (waiting
 * on the movie's row lock), delay everything else queued there, confirmations and channel lookups
 * included, and each would wait longer than the last. The short wait lets a burst of small changes
 * through instead of refusing them.
 */
final class ChangeAdmission {
  /** Changes waiting for a turn, at most; one more is refused at once. */
  static final int MAX_WAITING = 64;

  private final int inProgress;
  private final Duration maxWait;
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int running;

  ChangeAdmission(int inProgress, Duration maxWait) {
    this.inProgress = inProgress;
    this.maxWait = maxWait;
  }

  /**
   * Starts {@code change} when it is admitted; its turn ends when the future it returns completes. The
   * result fails with {@link ServerBusyException} when the change was not admitted in time.
   */
  <T> CompletableFuture<T> admit(Supplier<CompletableFuture<T>> change) {
    return turn().thenCompose(ignored -> {
      CompletableFuture<T> started;
      try {
        started = change.get();
      } catch (RuntimeException e) {
        endTurn();
        throw e;
      }
      return started.whenComplete((done, failure) -> endTurn());
    });
  }

  /** Changes running now. */
  synchronized int running() {
    return running;
  }

  /** Changes waiting for a turn now. */
  synchronized int waiting() {
    return waiting.size();
  }

  private CompletableFuture<Void> turn() {
    CompletableFuture<Void> ticket;
    synchronized (this) {
      if (running < inProgress) {
        running++;
        return CompletableFuture.completedFuture(null);
      }
      if (maxWait.isZero() || waiting.size() >= MAX_WAITING) {
        return CompletableFuture.failedFuture(new ServerBusyException("movie changes waiting"));
      }
      ticket = new CompletableFuture<>();
      waiting.add(ticket);
    }
    // a tiny task, run by the JDK's timer thread itself: it only settles the ticket
    CompletableFuture.delayedExecutor(maxWait.toNanos(), TimeUnit.NANOSECONDS, Runnable::run).execute(() -> {
      if (ticket.completeExceptionally(new ServerBusyException("movie changes in progress"))) {
        synchronized (this) {
          waiting.remove(ticket);
        }
      }
    });
    return ticket;
  }

  /** Hands the turn to the first change still waiting, or frees it. */
  private void endTurn() {
    while (true) {
      CompletableFuture<Void> next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          running--;
          return;
        }
      }
      if (next.complete(null)) { // the turn is its now; one that timed out meanwhile passes it on
        return;
      }
    }
  }
}
