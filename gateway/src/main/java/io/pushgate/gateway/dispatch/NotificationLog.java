package io.pushgate.gateway.dispatch;

import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.gateway.store.DatabaseBusyException;
import io.pushgate.gateway.store.NotificationRepository;
import io.pushgate.gateway.store.NotificationRepository.Append;
import io.pushgate.model.RawNotification;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable notification log's writer, by group commit: one thread takes every append waiting,
 * numbers the notifications per channel, writes them all with one binary COPY (one round trip, one
 * commit), and only then completes the appends and wakes the channels' subscribers. Under load a
 * batch grows to {@link #MAX_BATCH} notifications or {@link #MAX_BATCH_BYTES} of bodies; idle, a
 * single append is written at once.
 *
 * <p>Commits are spaced by at least {@code --commit-interval} (start to start): under load, what
 * arrives meanwhile waits for the next commit instead of getting one of its own. A commit costs the
 * database a fixed price (a transaction, a WAL flush, a device write) whatever it carries: at 10,000
 * notifications a second, one per POST, commits came 1,065 a second with 9.6 notifications each,
 * and spacing them 2 ms apart took PostgreSQL from 0.46 to 0.39–0.40 cores, the latency within the
 * spread of repeated runs (README, Performance). An append after a quiet spell is committed at once;
 * none waits longer than the interval for the spacing.
 *
 * <p>Bounds: at most {@code --ingress-queue-limit} notifications wait for their commit; an append
 * beyond that fails at once with {@link DatabaseBusyException} (the enabler gets 503 and retries).
 * Work that must not fail halfway, a movie change's notifications, takes its room first
 * ({@link #reserve}, within half the limit) and is refused as a whole when there is none.
 * After each commit a channel over {@code --channel-queue-limit} stored notifications loses its
 * oldest ones (all such channels of a commit in one statement, see {@link OverflowTrim}); they are
 * counted in {@link #dropped()}.
 */
@Singleton
public final class NotificationLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotificationLog.class);
  /**
   * Most notifications in one commit (about 1 MB of 256-byte notifications: a commit's latency stays
   * a few milliseconds), and so in one append: an enabler's list may hold no more. Large bodies
   * close a batch earlier, at {@link #MAX_BATCH_BYTES}.
   */
  public static final int MAX_BATCH = 4_000;
  /**
   * Most bytes of notification bodies in one commit, past which a batch closes (one append always
   * fits, whatever its size): a batch of large notifications stays a few megabytes of COPY data.
   */
  static final long MAX_BATCH_BYTES = 8L << 20;

  private final NotificationRepository repository;
  private final GatewayMetrics metrics;
  private final LogTrimmer trimmer;
  private final OverflowTrim overflow;
  private final Clock clock;
  private final int ingressQueueLimit;
  private final long commitIntervalNanos;
  /** Notifications accepted or reserved and not yet committed (or failed). */
  private final AtomicInteger queued = new AtomicInteger();
  private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
  private final AtomicLong spilled = new AtomicLong();
  private final Thread writer;
  private volatile boolean running = true;

  @Inject
  NotificationLog(NotificationRepository repository, GatewayMetrics metrics, LogTrimmer trimmer, Clock clock,
      GatewayConfig config) {
    this.repository = repository;
    this.metrics = metrics;
    this.trimmer = trimmer;
    this.clock = clock;
    this.overflow = new OverflowTrim(config.channelQueueLimit(), repository::removeUpTo);
    this.ingressQueueLimit = config.ingressQueueLimit();
    this.commitIntervalNanos = config.commitInterval().toNanos();
    this.writer = new Thread(this::run, "pushgate-log-writer");
    this.writer.setDaemon(true);
  }

  /** One enabler POST waiting for its commit. */
  private record PendingAppend(LiveChannel channel, List<RawNotification> notifications, long bytes,
      long acceptedNanos, CompletableFuture<Void> done) {}

  /** Removes what a crash may have left of deleted channels, then starts the writer. */
  public void start() {
    int orphans = repository.removeOrphans();
    if (orphans > 0) {
      log.info("removed {} notifications of channels deleted before the last stop", orphans);
    }
    writer.start();
  }

  /**
   * Appends notifications to a channel's log. The future completes once they are committed (then an
   * enabler may be told 2xx), or fails with {@link DatabaseBusyException} when the queue is full or
   * {@link ChannelGoneException} when the channel went away meanwhile.
   */
  public CompletableFuture<Void> append(LiveChannel channel, List<RawNotification> notifications) {
    if (notifications.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    if (!running) {
      return CompletableFuture.failedFuture(new DatabaseBusyException("notification log (stopping)"));
    }
    if (notifications.size() > MAX_BATCH) {
      throw new IllegalArgumentException("more than " + MAX_BATCH + " notifications in one append");
    }
    if (!take(notifications.size(), ingressQueueLimit, false)) {
      return CompletableFuture.failedFuture(new DatabaseBusyException("notification log queue"));
    }
    return enqueue(channel, notifications);
  }

  /**
   * Takes room for {@code count} notifications that are about to be appended, so that none of their
   * appends can be refused for a full queue: a movie change reserves before it commits, and is refused
   * as a whole (503) rather than committed and then notified in part. A reservation is admitted only
   * while the queue, with it, stays within half the limit: the other half is always there for
   * enablers' own notifications, and under a flood of changes the queue ahead of a change stays half
   * as long. A count over that half is admitted only into an empty queue, so no change is too big
   * ever to be made.
   *
   * @throws DatabaseBusyException when the queue has no room for them, or the log is stopping
   */
  public Reservation reserve(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count " + count);
    }
    if (!running) {
      throw new DatabaseBusyException("notification log (stopping)");
    }
    if (count == 0) { // needs no room, even while an oversized change overfills the queue
      return new Reservation(0);
    }
    if (!take(count, ingressQueueLimit / 2, true)) {
      throw new DatabaseBusyException("notification log queue");
    }
    return new Reservation(count);
  }

  /**
   * Room taken by {@link #reserve}: each notification is either appended through it or its room is
   * handed back by {@link #close}.
   */
  public final class Reservation implements AutoCloseable {
    private final AtomicInteger left;

    private Reservation(int count) {
      this.left = new AtomicInteger(count);
    }

    /** Appends as {@link NotificationLog#append} does, into room already taken. */
    public CompletableFuture<Void> append(LiveChannel channel, List<RawNotification> notifications) {
      spend(notifications.size());
      return enqueue(channel, notifications); // a stopping log refuses it there, and the room goes back
    }

    /** Hands back the room not used (a change that did not commit, a channel that is gone). */
    @Override
    public void close() {
      give(left.getAndSet(0));
    }

    private void spend(int count) {
      if (left.addAndGet(-count) < 0) {
        left.addAndGet(count);
        throw new IllegalStateException(count + " notifications more than the room reserved");
      }
    }
  }

  /** Queues an append whose room is taken; the room is given back when it is committed or fails. */
  private CompletableFuture<Void> enqueue(LiveChannel channel, List<RawNotification> notifications) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long bytes = 0;
    for (RawNotification n : notifications) {
      bytes += n.body().length;
    }
    PendingAppend pending = new PendingAppend(channel, notifications, bytes, System.nanoTime(), done);
    queue.add(pending);
    if (!running && queue.remove(pending)) {
      // close() began meanwhile and may have drained the queue already: answer rather than strand it
      fail(pending, new DatabaseBusyException("notification log (stopping)"));
    }
    return done;
  }

  /**
   * Takes room for {@code count} notifications if the queue stays within {@code limit} with them;
   * {@code oversizedIntoEmpty} also admits a count over the limit when the queue is empty.
   */
  private boolean take(int count, int limit, boolean oversizedIntoEmpty) {
    for (;;) {
      int now = queued.get();
      boolean fits = now + count <= limit || (oversizedIntoEmpty && now == 0);
      if (!fits) {
        return false;
      }
      if (queued.compareAndSet(now, now + count)) {
        return true;
      }
    }
  }

  private void give(int count) {
    queued.addAndGet(-count);
  }

  /**
   * The client confirmed the channel's notifications up to {@code seq}: they leave the log, with
   * other channels' confirmations in one statement (see {@link LogTrimmer}). A confirmation of
   * nothing new costs nothing.
   */
  public void acknowledge(LiveChannel channel, long seq) {
    long upTo = channel.acknowledge(seq);
    if (upTo >= 0) {
      trimmer.trim(channel.id(), upTo);
    }
  }

  /** Notifications accepted (or reserved) and waiting for their commit. */
  public int queued() {
    return queued.get();
  }

  /** Notifications removed because their channel held more than the per-channel limit. */
  public long dropped() {
    return overflow.dropped();
  }

  /** Notifications that did not fit in a subscriber's memory cache and are read back from the log. */
  public long spilled() {
    return spilled.get();
  }

  private void run() {
    List<PendingAppend> batch = new ArrayList<>();
    long lastStart = System.nanoTime() - commitIntervalNanos;
    while (running || !queue.isEmpty()) {
      try {
        PendingAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        // what arrives meanwhile joins this commit; parkNanos may return early, hence the loop,
        // and close() unparks the writer so a stopping gateway does not wait
        long due = lastStart + commitIntervalNanos;
        for (long spacing; running && (spacing = due - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(spacing);
        }
        lastStart = System.nanoTime();
        batch.add(first);
        int count = first.notifications().size();
        long bytes = first.bytes();
        PendingAppend next;
        while ((next = queue.peek()) != null && count + next.notifications().size() <= MAX_BATCH
            && bytes + next.bytes() <= MAX_BATCH_BYTES) {
          batch.add(queue.poll());
          count += next.notifications().size();
          bytes += next.bytes();
        }
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("notification log writer failed a batch", e);
        for (PendingAppend append : batch) {
          fail(append, e);
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<PendingAppend> batch) {
    List<PendingAppend> writing = new ArrayList<>(batch.size());
    List<List<LoggedNotification>> numbered = new ArrayList<>(batch.size());
    List<Append> rows = new ArrayList<>();
    for (PendingAppend append : batch) {
      if (append.channel().isRemoved()) {
        fail(append, new ChannelGoneException(append.channel().id()));
        continue;
      }
      List<LoggedNotification> logged = number(append);
      writing.add(append);
      numbered.add(logged);
      for (LoggedNotification n : logged) {
        rows.add(new Append(append.channel().id(), n.seq(), n.notification()));
      }
    }
    try {
      long started = System.nanoTime();
      repository.append(rows, clock.instant());
      metrics.committed(rows.size(), System.nanoTime() - started);
    } catch (RuntimeException e) {
      log.warn("group commit of {} notifications failed: {}", rows.size(), e.toString());
      for (PendingAppend append : writing) {
        fail(append, e);
      }
      return;
    }
    List<PendingAppend> done = new ArrayList<>(writing.size());
    for (int i = 0; i < writing.size(); i++) {
      PendingAppend append = writing.get(i);
      if (append.channel().isRemoved()) {
        // deleted while its rows were on their way: they must not outlive it (the database's
        // trigger removed what was there when the channel went, not what came after)
        removeAll(append.channel());
        fail(append, new ChannelGoneException(append.channel().id()));
      } else {
        spilled.addAndGet(append.channel().committed(numbered.get(i)));
        overflow.check(append.channel());
        done.add(append);
      }
    }
    // before the enablers hear of it, so that the drop count already includes what their POST pushed out
    overflow.removeCuts();
    for (PendingAppend append : done) {
      give(append.notifications().size());
      append.done().complete(null);
    }
  }

  private void removeAll(LiveChannel gone) {
    try {
      repository.removeUpTo(Map.of(gone.id(), Long.MAX_VALUE));
    } catch (RuntimeException e) {
      log.warn("could not remove the notifications of deleted channel {} (removed at the next start): {}",
          gone.id(), e.toString());
    }
  }

  private static List<LoggedNotification> number(PendingAppend append) {
    List<RawNotification> notifications = append.notifications();
    long seq = append.channel().reserve(notifications.size());
    List<LoggedNotification> logged = new ArrayList<>(notifications.size());
    for (RawNotification notification : notifications) {
      logged.add(new LoggedNotification(seq++, notification, append.acceptedNanos()));
    }
    return logged;
  }

  private void fail(PendingAppend append, Throwable cause) {
    if (!append.done().isDone()) {
      give(append.notifications().size());
      append.done().completeExceptionally(cause);
    }
  }

  /** Stops taking appends, commits what is queued, and stops the writer. */
  @Override
  public void close() {
    close(java.time.Duration.ofSeconds(10));
  }

  /** Stops taking appends and commits what is queued, waiting at most {@code timeout}. */
  public void close(java.time.Duration timeout) {
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    PendingAppend left;
    while ((left = queue.poll()) != null) {
      fail(left, new DatabaseBusyException("notification log (stopped)"));
    }
  }
}
