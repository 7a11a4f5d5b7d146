package io.pushgate.bench.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.pushgate.bench.metrics.LoadMetrics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client of one LongPolling channel: one keep-alive HTTP connection on which it POSTs to the
 * channelURL, reads the answer's list ({@link FrameParser}, the same list a WebSocket frame carries),
 * hands the notifications to its {@link FrameListener}, and polls again at once. Every poll after the
 * first carries {@code ?resumePoint=} of the last list read, which confirms it (README: delivery
 * guarantees), so a poll repeated on a new connection reads nothing twice. An empty answer (the
 * gateway's long-poll timeout) is simply followed by the next poll.
 *
 * <p>A connection the server closes is reopened a bounded number of times ({@link
 * SocketOptions#reconnects()}); an answer other than 200 is counted as an error ({@code poll-<status>})
 * and the poll is repeated after a pause, except 404 (the channel is gone), which ends it.
 *
 * <p>Threads: all state is touched on the connection's event loop, except {@link #close()}.
 */
public final class LongPollChannel implements SubscriberFleet.Subscriber {
  private static final long RETRY_DELAY_MILLIS = 250;

  private final URI uri;
  private final ClientTransport transport;
  private final LoadMetrics metrics;
  private final FrameParser parser;
  private final FrameListener listener;
  private final SocketOptions options;
  private final CompletableFuture<Void> firstOpen = new CompletableFuture<>();
  private volatile boolean closing;
  private volatile Channel channel;
  private int reconnectsLeft;
  private long resumePoint = -1;

  /**
   * @param uri the channelURL, its host rewritten to the gateway's address
   * @param options {@link SocketOptions#maxFrameBytes()} bounds an answer's body
   */
  public LongPollChannel(URI uri, ClientTransport transport, LoadMetrics metrics, FrameParser parser,
      FrameListener listener, SocketOptions options) {
    this.uri = uri;
    this.transport = transport;
    this.metrics = metrics;
    this.parser = parser;
    this.listener = listener;
    this.options = options;
    this.reconnectsLeft = options.reconnects();
  }

  /** Connects and sends the first poll; completes once connected, or fails with why it could not. */
  @Override
  public CompletableFuture<Void> open() {
    connect();
    return firstOpen;
  }

  /** Closes the connection (a parked poll with it); no reconnect follows. */
  @Override
  public ChannelFuture close() {
    closing = true;
    Channel ch = channel;
    return ch == null ? null : ch.close();
  }

  private void connect() {
    InetSocketAddress remote = new InetSocketAddress(uri.getHost(), ChannelUris.port(uri));
    ChannelFuture connected = transport.connect(remote, new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(options.maxFrameBytes()), new Poller());
      }
    });
    channel = connected.channel();
    connected.addListener(f -> {
      if (!f.isSuccess() && firstOpen.completeExceptionally(f.cause())) {
        metrics.errors().add("poll-connect");
        metrics.connectFailed();
      }
    });
  }

  /** The connection's last handler: polling, reading the answers, and what happens at the end. */
  private final class Poller extends SimpleChannelInboundHandler<FullHttpResponse> implements MessageReader.Control {
    private final MessageReader reader = new MessageReader(parser, metrics, listener, this);
    private ChannelHandlerContext ctx;
    private boolean open;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      this.ctx = ctx;
      open = true;
      metrics.connectionOpened();
      firstOpen.complete(null);
      poll();
      ctx.fireChannelActive();
    }

    private void poll() {
      if (closing || !ctx.channel().isActive()) {
        return;
      }
      // from the second poll on, the resume point confirms the list read last
      FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
          ChannelUris.pathAndQuery(ChannelUris.resumingAt(uri, resumePoint)), Unpooled.EMPTY_BUFFER);
      request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + ChannelUris.port(uri));
      request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      ctx.writeAndFlush(request);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (response.status().equals(HttpResponseStatus.OK)) {
        if (!reader.read(response.content(), false)) {
          metrics.errors().add("poll-bad-answer");
        }
        poll();
        return;
      }
      metrics.errors().add("poll-" + response.status().code());
      if (response.status().code() != 404) {
        ctx.channel().eventLoop().schedule(this::poll, RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void resumePoint(long point) {
      resumePoint = Math.max(resumePoint, point);
    }

    @Override
    public void other(String root) {
      if (root.equals("requestError")) {
        metrics.errors().add("poll-request-error");
      }
      listener.other(root);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      metrics.errors().add("poll-io");
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (open) {
        metrics.connectionClosed();
        if (!closing) {
          metrics.errors().add("poll-dropped");
          if (reconnectsLeft > 0) {
            reconnectsLeft--;
            ctx.channel().eventLoop().schedule(() -> {
              if (!closing) {
                connect();
              }
            }, RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
          }
        }
      }
      ctx.fireChannelInactive();
    }
  }
}
