package io.pushgate.bench.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.pushgate.bench.client.BenchNotification;
import io.pushgate.bench.client.ClientTransport;
import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.client.SocketOptions;
import io.pushgate.bench.client.SourceAddresses;
import io.pushgate.bench.client.WireFormat;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.DeliveryLedger;
import io.pushgate.bench.metrics.LoadMetrics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receiving side against a server that sends what Nchan sends: a plain WebSocket (no
 * subprotocol) on which every message is one notification body. Each stamped message must be booked
 * as exactly one delivery; a list or a connCheck on such a socket is no notification and is not
 * answered; and the socket sends the server nothing (no connAck, no ncAck) but its closing frame.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OnePerMessageReceiverTest {
  private static final int NOTIFICATIONS = 50;

  private EventLoopGroup serverGroup;
  private Channel server;
  private ClientTransport transport;
  /** The handshake request's Sec-WebSocket-Protocol header, once it came ("" when absent). */
  private final CompletableFuture<String> subprotocolAsked = new CompletableFuture<>();
  /** Every text frame the client sent the server. */
  private final List<String> clientSaid = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> clientClosed = new CompletableFuture<>();

  @BeforeEach
  void startServer() throws InterruptedException {
    serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    server = new ServerBootstrap().group(serverGroup).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024), new HandshakeSpy(),
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath("/sub").checkStartsWith(true).handleCloseFrames(false).build()),
                new NchanLikeSender());
          }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    transport = new ClientTransport(1, SourceAddresses.none());
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close().syncUninterruptibly();
    serverGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void eachMessageIsOneNotificationAndNothingIsAnswered() throws Exception {
    LoadMetrics metrics = new LoadMetrics();
    DeliveryLedger ledger = new DeliveryLedger(1);
    for (int i = 0; i < NOTIFICATIONS; i++) {
      ledger.issue(0);
    }
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    SubscriberFleet fleet = SubscriberFleet.webSockets(transport, metrics,
        new SocketOptions(64 << 10, 10, 0, 5_000, WireFormat.ONE_PER_MESSAGE)); // ncAck due every 10 ms, if any
    SubscriberFleet.Opened opened = fleet.open(List.of(URI.create("ws://127.0.0.1:" + port + "/sub/bench-0")),
        i -> new StampListener(i, ledger, metrics), 1, Duration.ofSeconds(10));
    assertEquals(1, opened.opened(), "opened: " + opened.firstFailure());

    Await.until(Duration.ofSeconds(10), "every message read", () -> metrics.received() == NOTIFICATIONS + 2);
    fleet.close(Duration.ofSeconds(10));
    clientClosed.get(10, TimeUnit.SECONDS);

    DeliveryLedger.Totals totals = ledger.totals();
    assertEquals(NOTIFICATIONS, totals.delivered(), "one delivery per stamped message");
    assertEquals(0, totals.lost());
    assertEquals(0, totals.duplicates());
    assertEquals(2, totals.unexpected(), "the list and the connCheck are no notification of this run");
    assertEquals(2L, metrics.errors().snapshot().get("unstamped"));
    assertEquals("", subprotocolAsked.get(), "a plain WebSocket: no subprotocol asked for");
    assertEquals(List.of(), clientSaid, "no connAck, no ncAck: everything the client sent came before its close");
  }

  /** Notes which subprotocol the client asked for. */
  private final class HandshakeSpy extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest request) {
        String asked = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        subprotocolAsked.complete(asked == null ? "" : asked);
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Sends what Nchan would, once the socket is open; records what the client sends back. */
  private final class NchanLikeSender extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        for (int seq = 0; seq < NOTIFICATIONS; seq++) {
          send(ctx, new String(BenchNotification.body(0, seq, 1, BenchClock.nanos(), 256), StandardCharsets.US_ASCII));
        }
        send(ctx, "{\"connCheck\":{\"keepAlive\":\"30\"}}");
        send(ctx, new String(BenchNotification.body(0, 0, 2, BenchClock.nanos(), 256), StandardCharsets.US_ASCII));
        ctx.flush();
      }
      ctx.fireUserEventTriggered(event);
    }

    private void send(ChannelHandlerContext ctx, String text) {
      ctx.write(new TextWebSocketFrame(text));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof TextWebSocketFrame text) {
          clientSaid.add(text.text());
        } else if (msg instanceof CloseWebSocketFrame) {
          clientClosed.complete(null);
          ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
        } else if (!(msg instanceof WebSocketFrame)) {
          ctx.fireChannelRead(ReferenceCountUtil.retain(msg));
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }
  }
}
