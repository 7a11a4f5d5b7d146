package io.pushgate.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.pushgate.bench.metrics.LoadMetrics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What both kinds of subscriber, a WebSocket ({@link ChannelSocket}) and a long poll
 * ({@link LongPollChannel}), keep of their channel: its connection, the first opening the fleet waits
 * for, the resume point of the last list read, and the reconnect after the server drops it (a bounded
 * number of times, {@link SocketOptions#reconnects()}, each with {@code ?resumePoint=} so nothing is
 * read twice). Errors are counted as {@code <prefix>-connect} and the subclass's own labels.
 *
 * <p>Threads: all state is touched on the connection's event loop, except {@link #closing} and
 * {@link #channel}, which {@link #close()} reads from any thread.
 */
abstract class ReconnectingSubscriber implements SubscriberFleet.Subscriber {
  static final long RECONNECT_DELAY_MILLIS = 250;

  final URI uri;
  final LoadMetrics metrics;
  final FrameParser parser;
  final FrameListener listener;
  final SocketOptions options;
  private final ClientTransport transport;
  private final String errorPrefix;
  private final CompletableFuture<Void> firstOpen = new CompletableFuture<>();
  volatile boolean closing;
  volatile Channel channel;
  private int reconnectsLeft;
  long resumePoint = -1;

  /**
   * @param uri the channelURL, its host rewritten to the gateway's address
   * @param errorPrefix the first part of this kind's error labels ({@code ws}, {@code poll})
   */
  ReconnectingSubscriber(URI uri, ClientTransport transport, LoadMetrics metrics, FrameParser parser,
      FrameListener listener, SocketOptions options, String errorPrefix) {
    this.uri = uri;
    this.transport = transport;
    this.metrics = metrics;
    this.parser = parser;
    this.listener = listener;
    this.options = options;
    this.errorPrefix = errorPrefix;
    this.reconnectsLeft = options.reconnects();
  }

  /** Connects; completes once ready to receive, or fails with why it could not be. */
  @Override
  public final CompletableFuture<Void> open() {
    connect(uri);
    return firstOpen;
  }

  /** Adds the handlers of a connection to {@code target} (the channelURL, resuming after a reconnect). */
  abstract void initChannel(Channel ch, URI target);

  private void connect(URI target) {
    InetSocketAddress remote = new InetSocketAddress(target.getHost(), ChannelUris.port(target));
    ChannelFuture connected = transport.connect(remote, new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ReconnectingSubscriber.this.initChannel(ch, target);
      }
    });
    channel = connected.channel();
    connected.addListener(f -> {
      if (!f.isSuccess()) {
        metrics.errors().add(errorPrefix + "-connect");
        failOpen(f.cause());
      }
    });
  }

  /** A connection opened: it is counted, and the first one completes {@link #open()}. */
  final void opened() {
    metrics.connectionOpened();
    firstOpen.complete(null);
  }

  /** The first opening failed (counted once; a failed reconnect leaves it as it was). */
  final void failOpen(Throwable cause) {
    if (firstOpen.completeExceptionally(cause)) {
      metrics.connectFailed();
    }
  }

  /** A list was read up to {@code point}. */
  final void advance(long point) {
    resumePoint = Math.max(resumePoint, point);
  }

  /**
   * An open connection has closed: unless the harness closed it, it is counted as {@code error} and
   * reopened after a pause while reconnects are left.
   */
  final void closed(Channel ch, String error) {
    metrics.connectionClosed();
    if (closing) {
      return;
    }
    metrics.errors().add(error);
    if (reconnectsLeft > 0) {
      reconnectsLeft--;
      ch.eventLoop().schedule(() -> {
        if (!closing) {
          connect(ChannelUris.resumingAt(uri, resumePoint));
        }
      }, RECONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }
}
