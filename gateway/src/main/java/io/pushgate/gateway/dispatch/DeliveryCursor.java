package io.pushgate.gateway.dispatch;

import io.netty.util.concurrent.EventExecutor;
import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.gateway.store.NotificationRepository;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber's position in its channel's log, and the source of its next batch: the channel's
 * in-memory tail when it holds what comes next, otherwise the log in PostgreSQL, read ahead in pages
 * on the database executor. Used only on the subscriber's event loop; when a read from the log
 * completes, {@code onReady} runs there.
 *
 * <p>This is also the slow-consumer policy: a subscriber that falls behind costs no memory beyond
 * one page; it is served from the log at its own pace, and only the per-channel bound of the log
 * ever drops anything.
 */
public final class DeliveryCursor {
  private static final Logger log = LoggerFactory.getLogger(DeliveryCursor.class);
  /** Notifications read from the log at once for a subscriber that is behind. */
  static final int PAGE = 500;

  private final LiveChannel channel;
  private final NotificationRepository repository;
  private final DbExecutor db;
  private final EventExecutor loop;
  private final Runnable onReady;
  private final ArrayDeque<LoggedNotification> page = new ArrayDeque<>();
  private long position;
  private boolean reading;
  private boolean closed;

  /**
   * @param position the last sequence number the subscriber has (0 or the first stored minus one for
   *                 "everything still in the log")
   */
  DeliveryCursor(LiveChannel channel, long position, NotificationRepository repository, DbExecutor db,
      EventExecutor loop, Runnable onReady) {
    this.channel = channel;
    this.position = position;
    this.repository = repository;
    this.db = db;
    this.loop = loop;
    this.onReady = onReady;
  }

  /** The sequence number of the last notification handed out. */
  public long position() {
    return position;
  }

  /**
   * The next batch: up to {@code max} notifications of one format, in order, or an empty list when
   * there is nothing now (or a read from the log is under way; {@code onReady} follows).
   */
  public List<LoggedNotification> next(int max) {
    assert loop.inEventLoop();
    if (closed || reading) {
      return List.of();
    }
    long floor = channel.firstSeq() - 1;
    while (!page.isEmpty() && page.peekFirst().seq() <= Math.max(position, floor)) {
      page.removeFirst();
    }
    if (!page.isEmpty()) {
      return fromPage(max);
    }
    LiveChannel.Take take = channel.take(position, max);
    if (take == LiveChannel.Take.FROM_LOG) {
      readLog();
      return List.of();
    }
    if (!take.batch.isEmpty()) {
      position = take.batch.get(take.batch.size() - 1).seq();
    }
    return take.batch;
  }

  /** Stops any read in flight from calling back. */
  public void close() {
    closed = true;
    page.clear();
  }

  private List<LoggedNotification> fromPage(int max) {
    List<LoggedNotification> batch = new ArrayList<>(Math.min(max, page.size()));
    var format = page.peekFirst().notification().format();
    while (!page.isEmpty() && batch.size() < max && page.peekFirst().notification().format() == format) {
      batch.add(page.removeFirst());
    }
    position = batch.get(batch.size() - 1).seq();
    return batch;
  }

  private void readLog() {
    reading = true;
    long after = Math.max(position, channel.firstSeq() - 1);
    long committed = channel.lastSeq(); // all of it is visible to the read below
    db.supply(() -> repository.readAfter(channel.id(), after, PAGE)).whenComplete((rows, failure) -> loop.execute(() -> {
      reading = false;
      if (closed) {
        return;
      }
      if (failure != null) {
        log.warn("reading the log of channel {} failed: {}", channel.id(), failure.toString());
        return; // the next notification or reconnect retries
      }
      if (rows.isEmpty()) {
        // what was committed after `after` has been confirmed or dropped meanwhile: move past it
        position = Math.max(position, committed);
      } else {
        page.addAll(rows);
      }
      onReady.run();
    }));
  }
}
