package io.pushgate.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.pushgate.gateway.dispatch.DeliveryCursor;
import io.pushgate.gateway.dispatch.DeliveryDrain;
import io.pushgate.gateway.http.ConnectionErrors;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.Subscriber;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.model.ConnAck;
import io.pushgate.model.ConnCheck;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NcAck;
import io.pushgate.model.ServiceException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket bound to its channel: the channel's subscriber while it is open.
 *
 * <p>Delivery: a {@link DeliveryDrain} writes one text frame per batch of up to
 * {@code maxNotifications} while the socket is writable, flushes once per run, and resumes when it
 * becomes writable again. Nothing is queued per connection beyond what the socket's own buffer holds:
 * the rest waits in the channel's log.
 *
 * <p>From the client: {@code connCheck} is answered with {@code connAck{channelLifetime}} and refreshes
 * the lifetime (spec I.3); {@code connAck} answering our connCheck confirms everything sent before that
 * connCheck; {@code ncAck{resumePoint}} confirms up to that point. Anything else gets a
 * {@code requestError} message and changes nothing.
 *
 * <p>Keep-alive: after {@code --keep-alive-interval} without a frame from the client it gets a ping and
 * a connCheck; after another interval of silence the socket is closed (1001).
 */
final class WebSocketSession extends ChannelInboundHandlerAdapter implements Subscriber {
  private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);
  private final WebSocketSessions shared;
  private final LiveChannel channel;
  private final WebSocketServerHandshaker handshaker;
  private final Long resumePoint;
  private ChannelHandlerContext ctx;
  private DeliveryCursor cursor;
  private DeliveryDrain drain;
  private boolean silentOnce;
  private long connCheckPosition = -1;
  private boolean closing;

  WebSocketSession(WebSocketSessions shared, LiveChannel channel, WebSocketServerHandshaker handshaker, Long resumePoint) {
    this.shared = shared;
    this.channel = channel;
    this.handshaker = handshaker;
    this.resumePoint = resumePoint;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** The handshake went out: take over the channel and deliver what it holds. */
  void start() {
    assert ctx.executor().inEventLoop();
    long position;
    if (resumePoint != null) {
      position = channel.resumeFrom(resumePoint);
      shared.notificationLog.acknowledge(channel, position);
    } else {
      position = channel.firstSeq() - 1; // everything not yet confirmed: at-least-once
    }
    cursor = shared.cursors.open(channel, position, ctx.executor(), this::notifyPending);
    drain = new DeliveryDrain(ctx.channel(), cursor, channel.channel().maxNotifications(), TextWebSocketFrame::new,
        shared.metrics);
    shared.metrics.connection(GatewayMetrics.Transport.websocket, 1);
    Subscriber previous = channel.attach(this);
    if (previous != null) {
      previous.close(Ending.SUPERSEDED);
    }
    // a new connection resets the lifetime to the policy default (spec I.3)
    shared.channelService.touchLifetime(channel.channel().userId(), channel.id(), null);
    log.debug("websocket open on channel {} from {}", channel.id(), ctx.channel().remoteAddress());
    ctx.channel().config().setAutoRead(true);
    drain.request();
  }

  @Override
  public void notifyPending() {
    if (drain != null && !closing) {
      drain.request();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      notifyPending();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    silentOnce = false;
    try {
      if (msg instanceof TextWebSocketFrame text) {
        onMessage(text.content());
      } else if (msg instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        closing = true;
        handshaker.close(ctx.channel(), close.retain());
      } else if (msg instanceof BinaryWebSocketFrame) {
        closeWith(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "text frames only");
      }
      // pongs need nothing more: any frame proves the peer alive
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onMessage(ByteBuf content) {
    MediaFormat format = firstNonBlank(content) == '<' ? MediaFormat.XML : MediaFormat.JSON;
    Object message;
    try {
      message = shared.codec.readWebSocketMessage(ByteBufUtil.getBytes(content), format);
    } catch (InvalidBodyException e) {
      send(shared.codec.write(e.error(), format));
      return;
    }
    if (message instanceof ConnCheck) {
      answerConnCheck(format);
    } else if (message instanceof ConnAck) {
      if (connCheckPosition >= 0) {
        shared.notificationLog.acknowledge(channel, connCheckPosition);
        connCheckPosition = -1;
        refreshLifetime(channel.lifetimeSeconds());
      }
    } else if (message instanceof NcAck ack) {
      if (ack.resumePoint() == null || ack.resumePoint() > cursor.position()) {
        send(shared.codec.write(ServiceException.invalidInput("resumePoint"), format));
      } else {
        shared.notificationLog.acknowledge(channel, ack.resumePoint());
      }
    }
  }

  /** Client-initiated connCheck: refresh the lifetime to the one granted, then connAck it (spec I.3). */
  private void answerConnCheck(MediaFormat format) {
    int lifetime = channel.lifetimeSeconds();
    shared.channelService.refreshLifetime(channel.channel().userId(), channel.id(), lifetime)
        .whenComplete((granted, failure) -> ctx.executor().execute(() -> {
          if (failure != null || granted.isEmpty()) {
            send(shared.codec.write(ServiceException.serviceError("channel lifetime could not be refreshed"), format));
          } else {
            send(shared.codec.write(new ConnAck(granted.get()), format));
          }
        }));
  }

  private void refreshLifetime(int seconds) {
    shared.channelService.touchLifetime(channel.channel().userId(), channel.id(), seconds);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (silentOnce) {
        log.debug("websocket on channel {} silent for two keep-alive intervals: closing", channel.id());
        closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "no answer to ping or connCheck");
        return;
      }
      silentOnce = true;
      // a connAck to this connCheck proves the client read every frame written before it
      connCheckPosition = cursor == null ? -1 : cursor.position();
      ctx.write(new PingWebSocketFrame());
      send(shared.codec.write(new ConnCheck(shared.keepAliveSeconds, channel.lifetimeSeconds()), MediaFormat.JSON));
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public CompletableFuture<Void> close(Ending ending) {
    // the close frame goes out behind every frame already queued (a slow reader may hold some), and
    // the connection closes once it is written: that is when the client has heard everything
    CompletableFuture<Void> written = new CompletableFuture<>();
    ctx.channel().closeFuture().addListener(closed -> written.complete(null));
    ctx.executor().execute(() -> {
      switch (ending) {
        case SUPERSEDED -> closeWith(WebSocketCloseStatus.NORMAL_CLOSURE, "superseded by a newer connection");
        case DELETED -> closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "channel deleted");
        case EXPIRED -> closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "channel expired");
        case SHUTDOWN -> closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
            "server restarting: reconnect with your resumePoint");
      }
    });
    return written;
  }

  private void closeWith(WebSocketCloseStatus status, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    channel.detach(this);
    if (cursor != null) {
      cursor.close();
      shared.metrics.connection(GatewayMetrics.Transport.websocket, -1);
    }
    log.debug("websocket closed on channel {}", channel.id());
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      closeWith(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message larger than " + WebSocketUpgrade.MAX_CLIENT_MESSAGE_BYTES);
      return;
    }
    if (ConnectionErrors.isExpected(cause)) {
      log.debug("websocket on channel {}: {}", channel.id(), cause.toString());
    } else {
      log.warn("websocket on channel {} failed: {}", channel.id(), cause.toString());
    }
    ctx.close();
  }

  private void send(byte[] message) {
    ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(message)));
  }

  private static int firstNonBlank(ByteBuf content) {
    for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
      byte b = content.getByte(i);
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b;
      }
    }
    return -1;
  }
}
