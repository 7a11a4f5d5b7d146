package io.pushgate.gateway.dispatch;

import io.netty.util.concurrent.EventExecutor;
import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.gateway.store.NotificationRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Opens {@link DeliveryCursor}s for subscribers. */
@Singleton
public final class DeliveryCursors {
  private final NotificationRepository notifications;
  private final DbExecutor db;

  @Inject
  DeliveryCursors(NotificationRepository notifications, DbExecutor db) {
    this.notifications = notifications;
    this.db = db;
  }

  /**
   * A cursor after {@code position} (or after the first stored notification, whichever is later),
   * used on {@code loop}; {@code onReady} runs there when a read from the log completes.
   */
  public DeliveryCursor open(LiveChannel channel, long position, EventExecutor loop, Runnable onReady) {
    return new DeliveryCursor(channel, Math.max(position, channel.firstSeq() - 1), notifications, db, loop, onReady);
  }
}
