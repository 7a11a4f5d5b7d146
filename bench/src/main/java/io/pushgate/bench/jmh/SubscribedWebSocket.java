package io.pushgate.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.channel.Channel;
import io.pushgate.gateway.dispatch.DeliveryCursor;
import io.pushgate.gateway.dispatch.DeliveryDrain;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.LoggedNotification;
import io.pushgate.gateway.dispatch.Subscriber;
import io.pushgate.model.ChannelType;
import io.pushgate.model.RawNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client's WebSocket as the gateway holds it once the opening handshake is done, on an
 * {@link EmbeddedChannel} instead of a TCP socket: the channel's subscriber, its cursor and its
 * drain, built from the gateway's own classes, and the outbound handlers the production pipeline
 * has at that point. No database: what is committed while a subscriber is attached is served from
 * the channel's memory, which is the path of a client that keeps up.
 *
 * <p>The subscriber is this object rather than the gateway's {@code WebSocketSession} (package
 * private, and its handshake needs a channel looked up in the database); on a commit it does what
 * the session does: {@code notifyPending} asks the drain for a run on the connection's loop.
 */
final class SubscribedWebSocket implements Subscriber, AutoCloseable {
  /**
   * {@code HttpChannelInitializer}'s flush consolidation: a flush outside a read is deferred to a task
   * on the loop, and 256 pending flushes force one.
   */
  private static final int EXPLICIT_FLUSH_AFTER_FLUSHES = 256;

  private final EmbeddedChannel socket;
  private final LiveChannel channel;
  private final DeliveryDrain drain;
  private long nextSeq = 1;

  SubscribedWebSocket(GatewayComponent gateway, int maxNotifications) {
    // what a WebSocket's pipeline holds on the way out: the flush consolidation from the HTTP
    // pipeline, and the encoder WebSocketServerHandshaker13 puts in place of the HTTP codec (a
    // server's frames are not masked). The inbound handlers play no part in delivery.
    socket = new EmbeddedChannel(new FlushConsolidationHandler(EXPLICIT_FLUSH_AFTER_FLUSHES, true),
        new WebSocket13FrameEncoder(false));
    Instant now = Instant.now();
    channel = new LiveChannel(new Channel("bench-channel", "bench-user", ChannelType.WebSockets, null, null,
        maxNotifications, null, "bench-callback-token", "bench-channel-token", 3600, now.plusSeconds(3600), now), 1, 0);
    // as WebSocketSession.start() does for a client without a resume point
    DeliveryCursor cursor = gateway.deliveryCursors().open(channel, channel.firstSeq() - 1, socket.eventLoop(),
        this::notifyPending);
    drain = new DeliveryDrain(socket, cursor, maxNotifications, TextWebSocketFrame::new, gateway.gatewayMetrics());
    channel.attach(this);
  }

  /**
   * What the log writer does for one append once its group commit is durable: the notifications,
   * numbered in order and stamped with one acceptance time as the writer numbers them, are handed to
   * the channel, which wakes this subscriber.
   */
  void commit(List<RawNotification> notifications) {
    long acceptedNanos = System.nanoTime();
    List<LoggedNotification> logged = new ArrayList<>(notifications.size());
    for (RawNotification notification : notifications) {
      logged.add(new LoggedNotification(nextSeq++, notification, acceptedNanos));
    }
    channel.committed(logged);
  }

  /** Runs what is queued on the connection's loop: the drain's run, then the deferred flush. */
  void runEventLoop() {
    socket.runPendingTasks();
  }

  /** Takes every buffer flushed to the socket so far, releases it, and returns the bytes it held. */
  long readWritten() {
    long bytes = 0;
    ByteBuf written;
    while ((written = socket.readOutbound()) != null) {
      bytes += written.readableBytes();
      written.release();
    }
    return bytes;
  }

  /** Notifications the drain has written so far. */
  long delivered() {
    return drain.notifications();
  }

  /** Frames the drain has written so far. */
  long frames() {
    return drain.frames();
  }

  @Override
  public void notifyPending() {
    drain.request();
  }

  @Override
  public CompletableFuture<Void> close(Ending ending) {
    socket.close();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    channel.detach(this);
    socket.finishAndReleaseAll();
  }
}
