package io.pushgate.bench.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
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
import java.net.URI;
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
public final class LongPollChannel extends ReconnectingSubscriber {
  private static final long RETRY_DELAY_MILLIS = 250;

  /**
   * @param uri the channelURL, its host rewritten to the gateway's address
   * @param options {@link SocketOptions#maxFrameBytes()} bounds an answer's body
   */
  public LongPollChannel(URI uri, ClientTransport transport, LoadMetrics metrics, FrameParser parser,
      FrameListener listener, SocketOptions options) {
    super(uri, transport, metrics, parser, listener, options, "poll");
  }

  /** Closes the connection (a parked poll with it); no reconnect follows. */
  @Override
  public ChannelFuture close() {
    closing = true;
    Channel ch = channel;
    return ch == null ? null : ch.close();
  }

  /** Every poll names its own resume point, so a reconnect's {@code target} only gives the address. */
  @Override
  void initChannel(Channel ch, URI target) {
    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(options.maxFrameBytes()), new Poller());
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
      opened();
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
      advance(point);
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
        closed(ctx.channel(), "poll-dropped");
      }
      ctx.fireChannelInactive();
    }
  }
}
