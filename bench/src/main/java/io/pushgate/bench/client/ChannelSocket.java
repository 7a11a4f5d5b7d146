package io.pushgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushgate.bench.metrics.LoadMetrics;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The client of one notification channel: a WebSocket on its channelURL with the API's subprotocol.
 * It parses every list it receives ({@link FrameParser}) and hands the notifications to its
 * {@link FrameListener}; answers the server's {@code connCheck} with {@code connAck}; confirms what it
 * read with {@code ncAck} every {@link SocketOptions#ackIntervalMillis()}; and when the server closes
 * it, reopens it with {@code ?resumePoint=} (a bounded number of times) so nothing is read twice.
 *
 * <p>With {@link WireFormat#ONE_PER_MESSAGE} (Nchan) it is a plain WebSocket instead: each message is
 * one notification, nothing is answered or confirmed, and a reopened socket starts where the server
 * puts a new subscriber.
 *
 * <p>Threads: all state is touched on the socket's event loop, except {@link #close()}.
 */
public final class ChannelSocket extends ReconnectingSubscriber {
  /** The API's one subprotocol (spec I.2). */
  public static final String SUBPROTOCOL = "notificationchannel-netapi-rest.openmobilealliance.org";
  private static final byte[] CONN_ACK = "{\"connAck\":null}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private long acknowledged = -1;

  /**
   * @param uri the channelURL, its host rewritten to the gateway's address
   */
  public ChannelSocket(URI uri, ClientTransport transport, LoadMetrics metrics, FrameParser parser,
      FrameListener listener, SocketOptions options) {
    super(uri, transport, metrics, parser, listener, options, "ws");
  }

  /** Sends a close frame and closes; no reconnect follows. The future completes once closed. */
  @Override
  public ChannelFuture close() {
    closing = true;
    Channel ch = channel;
    if (ch == null) {
      return null;
    }
    if (ch.isActive()) {
      ch.writeAndFlush(new CloseWebSocketFrame(1000, "load test done")).addListener(ChannelFutureListener.CLOSE);
    } else {
      ch.close();
    }
    return ch.closeFuture();
  }

  @Override
  void initChannel(Channel ch, URI target) {
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(target)
        .subprotocol(options.format().subprotocol())
        .maxFramePayloadLength(options.maxFrameBytes())
        .handleCloseFrames(false) // we read the close code ourselves
        .handshakeTimeoutMillis(options.handshakeTimeoutMillis())
        .generateOriginHeader(false)
        .withUTF8Validator(false) // MessageReader checks every message, more cheaply (Utf8)
        .build();
    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 * 1024),
        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(options.maxFrameBytes()),
        new Session());
  }

  /** The socket's last handler: reading, answering, confirming, and what happens at the end. */
  private final class Session extends ChannelInboundHandlerAdapter implements MessageReader.Control {
    private final MessageReader reader = new MessageReader(parser, metrics, listener, this);
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> ackTimer;
    private boolean open;
    private int closeCode = -1;
    private Throwable failure;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        open = true;
        opened();
        long interval = options.format().confirms() ? options.ackIntervalMillis() : 0;
        if (interval > 0) {
          ackTimer = ctx.executor().scheduleAtFixedRate(this::acknowledge, interval, interval, TimeUnit.MILLISECONDS);
        }
      } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        metrics.errors().add("ws-handshake-timeout");
        failure = new IOException("handshake timed out");
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof TextWebSocketFrame text) {
          read(text.content());
        } else if (msg instanceof CloseWebSocketFrame close) {
          closeCode = close.statusCode();
          ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void read(ByteBuf content) {
      if (!reader.read(content, options.format() == WireFormat.ONE_PER_MESSAGE)) {
        metrics.errors().add("ws-bad-message");
      }
    }

    @Override
    public void resumePoint(long point) {
      advance(point);
    }

    @Override
    public void connCheck() {
      // connAck confirms everything read before the connCheck (README: delivery guarantees)
      ctx.writeAndFlush(new TextWebSocketFrame(ctx.alloc().buffer(CONN_ACK.length).writeBytes(CONN_ACK)));
    }

    @Override
    public void other(String root) {
      if (root.equals("requestError")) {
        metrics.errors().add("ws-request-error");
      }
      listener.other(root);
    }

    private void acknowledge() {
      if (resumePoint > acknowledged && ctx.channel().isActive()) {
        acknowledged = resumePoint;
        String ack = "{\"ncAck\":{\"resumePoint\":\"" + resumePoint + "\"}}";
        ctx.writeAndFlush(new TextWebSocketFrame(ack));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (failure == null) {
        failure = cause;
      }
      if (cause instanceof WebSocketClientHandshakeException refused && refused.response() != null) {
        metrics.errors().add("ws-handshake-" + refused.response().status().code());
      } else if (!open) {
        metrics.errors().add("ws-handshake-failed");
      } else {
        metrics.errors().add("ws-io");
      }
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ackTimer != null) {
        ackTimer.cancel(false);
      }
      if (!open) {
        failOpen(failure != null ? failure : new IOException("closed before the handshake completed"));
      } else {
        closed(ctx.channel(), closeCode >= 0 ? "ws-closed-" + closeCode : "ws-dropped");
      }
      ctx.fireChannelInactive();
    }
  }
}
