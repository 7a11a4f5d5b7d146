package io.pushgate.gateway.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.pushgate.gateway.metrics.GatewayMetrics;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Moves notifications from a cursor onto a connection (DESIGN §2, "drain on the channel's event
 * loop"): one {@code notificationList} frame per batch of up to {@code maxNotifications}, written while
 * the channel is writable, one flush per run. At most one run is scheduled at a time; a run that hits
 * {@link #MAX_FRAMES_PER_RUN} yields the loop and reschedules itself; a run that stops on an unwritable
 * channel is resumed by {@link #request()} from {@code channelWritabilityChanged}.
 */
public final class DeliveryDrain {
  /** Frames written per run before other connections on the same loop get their turn. */
  public static final int MAX_FRAMES_PER_RUN = 64;

  private final Channel channel;
  private final DeliveryCursor cursor;
  private final int maxNotifications;
  private final Function<ByteBuf, Object> frame;
  private final GatewayMetrics metrics;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable run = this::run;
  private long frames;
  private long notifications;

  /**
   * @param frame wraps an encoded {@code notificationList} into what the pipeline writes (a WebSocket
   *              text frame)
   */
  public DeliveryDrain(Channel channel, DeliveryCursor cursor, int maxNotifications, Function<ByteBuf, Object> frame,
      GatewayMetrics metrics) {
    this.channel = channel;
    this.metrics = metrics;
    this.cursor = cursor;
    this.maxNotifications = maxNotifications;
    this.frame = frame;
  }

  /** Schedules a run on the channel's event loop unless one is already scheduled; any thread. */
  public void request() {
    if (scheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(run);
    }
  }

  /** Frames written so far. */
  public long frames() {
    return frames;
  }

  /** Notifications written so far. */
  public long notifications() {
    return notifications;
  }

  private void run() {
    scheduled.set(false);
    if (!channel.isActive()) {
      return;
    }
    int written = 0;
    while (written < MAX_FRAMES_PER_RUN && channel.isWritable()) {
      List<LoggedNotification> batch = cursor.next(maxNotifications);
      if (batch.isEmpty()) {
        break;
      }
      channel.write(frame.apply(FrameEncoder.encode(channel.alloc(), batch)), channel.voidPromise());
      written++;
      notifications += batch.size();
      metrics.frameWritten(GatewayMetrics.Transport.websocket, batch.size());
      long now = System.nanoTime();
      for (LoggedNotification n : batch) {
        metrics.notificationWritten(n.acceptedNanos(), now);
      }
    }
    if (written > 0) {
      frames += written;
      channel.flush();
    }
    if (written == MAX_FRAMES_PER_RUN && channel.isWritable()) {
      request();
    }
  }
}
