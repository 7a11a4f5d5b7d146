package io.pushgate.gateway.dispatch;

import static java.util.Objects.requireNonNull;

import io.pushgate.gateway.channel.Channel;
import io.pushgate.model.MediaFormat;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery state of one channel, in memory while the channel is in use: where its log stands
 * (first stored and last committed sequence numbers), the subscriber it delivers to, and, while one
 * is attached, the most recent committed notifications so the usual case needs no database read.
 *
 * <p>The log's content lives in PostgreSQL; this object is a cursor over it plus a small cache. All
 * state is guarded by {@code this}; critical sections are a few field updates, never I/O.
 */
public final class LiveChannel {
  /** Notifications kept in memory per attached channel; older ones are read back from the log. */
  static final int RECENT_LIMIT = 256;

  private final Channel channel;
  private volatile int lifetimeSeconds;
  private volatile Instant expiresAt;

  private long firstSeq;
  private long lastSeq;
  private long nextSeq;
  private final ArrayDeque<LoggedNotification> recent = new ArrayDeque<>();
  private Subscriber subscriber;
  private boolean removed;
  /** The resume point of the last answered long poll: the next poll confirms it (see LongPollRequest). */
  private long polledUpTo;

  /**
   * The gateway makes these in {@link LiveChannels} only; public so the bench module can drive the
   * delivery path without a database (its dispatch benchmark).
   */
  public LiveChannel(Channel channel, long firstSeq, long lastSeq) {
    this.channel = requireNonNull(channel, "channel");
    this.lifetimeSeconds = channel.lifetimeSeconds();
    this.expiresAt = channel.expiresAt();
    this.firstSeq = firstSeq;
    this.lastSeq = lastSeq;
    this.nextSeq = lastSeq + 1;
  }

  public Channel channel() {
    return channel;
  }

  public String id() {
    return channel.channelId();
  }

  public int lifetimeSeconds() {
    return lifetimeSeconds;
  }

  /** When the channel expires, as last written to the database. */
  public Instant expiresAt() {
    return expiresAt;
  }

  boolean isExpired(Instant now) {
    return !expiresAt.isAfter(now);
  }

  void lifetimeChanged(int lifetimeSeconds, Instant expiresAt) {
    this.lifetimeSeconds = lifetimeSeconds;
    this.expiresAt = expiresAt;
  }

  /** Hands out {@code count} consecutive sequence numbers; the first is returned. Log writer only. */
  synchronized long reserve(int count) {
    long first = nextSeq;
    nextSeq += count;
    return first;
  }

  synchronized boolean isRemoved() {
    return removed;
  }

  /** Marks the channel gone and returns its subscriber (to be closed), if any. */
  synchronized Subscriber remove() {
    removed = true;
    Subscriber current = subscriber;
    subscriber = null;
    recent.clear();
    return current;
  }

  /**
   * Records notifications as committed (in sequence order) and wakes the subscriber. Returns how
   * many cached notifications were pushed out of memory (they stay in the log). Only the log writer
   * calls it after a commit; public for the bench module's dispatch benchmark.
   */
  public int committed(List<LoggedNotification> notifications) {
    Subscriber wake;
    int spilled = 0;
    synchronized (this) {
      for (LoggedNotification n : notifications) {
        lastSeq = Math.max(lastSeq, n.seq());
        if (subscriber != null) {
          recent.addLast(n);
        }
      }
      while (recent.size() > RECENT_LIMIT) {
        recent.removeFirst();
        spilled++;
      }
      wake = subscriber;
    }
    if (wake != null) {
      wake.notifyPending();
    }
    return spilled;
  }

  /**
   * Applies the per-channel bound after an append: when more than {@code limit} notifications are
   * stored, the oldest go. Returns the sequence number to remove up to, or -1 when within the bound.
   */
  synchronized long overflowCut(int limit) {
    if (lastSeq - firstSeq + 1 <= limit) {
      return -1;
    }
    long cut = lastSeq - limit;
    firstSeq = cut + 1;
    return cut;
  }

  /**
   * The client confirmed everything up to {@code seq}. Returns the sequence number the log may be
   * cleared up to, never beyond what was committed (a confirmation of the future confirms nothing
   * more), or -1 when that clears nothing new.
   */
  synchronized long acknowledge(long seq) {
    long upTo = Math.min(seq, lastSeq);
    if (upTo < firstSeq) {
      return -1;
    }
    firstSeq = upTo + 1;
    while (!recent.isEmpty() && recent.peekFirst().seq() <= upTo) {
      recent.removeFirst();
    }
    return upTo;
  }

  /**
   * Where a subscriber that says it has everything up to {@code resumePoint} starts: there, but never
   * beyond the last committed notification (a resume point from a wiped or foreign log must not make
   * the client skip what comes next).
   */
  public synchronized long resumeFrom(long resumePoint) {
    return Math.max(Math.min(resumePoint, lastSeq), firstSeq - 1);
  }

  synchronized boolean hasSubscriber() {
    return subscriber != null;
  }

  public synchronized long polledUpTo() {
    return polledUpTo;
  }

  public synchronized void polledUpTo(long seq) {
    polledUpTo = Math.max(polledUpTo, seq);
  }

  public synchronized long firstSeq() {
    return firstSeq;
  }

  synchronized long lastSeq() {
    return lastSeq;
  }

  /** Makes {@code next} the subscriber and returns the one it replaces (to be closed), if any. */
  public synchronized Subscriber attach(Subscriber next) {
    Subscriber previous = subscriber;
    subscriber = next;
    recent.clear();
    return previous;
  }

  /** Detaches {@code leaving} if it is still the subscriber. */
  public synchronized void detach(Subscriber leaving) {
    if (subscriber == leaving) {
      subscriber = null;
      recent.clear();
    }
  }

  /**
   * The next notifications after {@code afterSeq}: up to {@code max}, all in one format, from memory.
   * Returns {@link Take#NOTHING} when there are none, {@link Take#FROM_LOG} when they must be read
   * from the log (not in memory).
   */
  synchronized Take take(long afterSeq, int max) {
    long after = Math.max(afterSeq, firstSeq - 1);
    if (after >= lastSeq) {
      return Take.NOTHING;
    }
    LoggedNotification oldest = recent.peekFirst();
    if (oldest == null || oldest.seq() > after + 1) {
      return Take.FROM_LOG;
    }
    List<LoggedNotification> batch = new ArrayList<>(Math.min(max, recent.size()));
    MediaFormat format = null;
    for (LoggedNotification n : recent) {
      if (n.seq() <= after) {
        continue;
      }
      if (batch.size() == max || (format != null && n.notification().format() != format)) {
        break;
      }
      format = n.notification().format();
      batch.add(n);
    }
    return batch.isEmpty() ? Take.NOTHING : new Take(batch);
  }

  /** The answer of {@link #take}: a batch, nothing, or "read the log". */
  static final class Take {
    static final Take NOTHING = new Take(List.of());
    static final Take FROM_LOG = new Take(List.of());

    final List<LoggedNotification> batch;

    private Take(List<LoggedNotification> batch) {
      this.batch = batch;
    }
  }
}
