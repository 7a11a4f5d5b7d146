package io.pushgate.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The harness's one Netty event loop group (epoll where the native transport loads, NIO otherwise)
 * and how every client socket is made: TCP_NODELAY, a connect timeout, and a source address from
 * {@link SourceAddresses} when the gateway is on loopback.
 */
public final class ClientTransport implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final EventLoopGroup group;
  private final boolean epoll;
  private final SourceAddresses sources;

  /**
   * @param threads event loop threads (0: Netty's default, twice the cores)
   * @param sources where client sockets are bound; used only for loopback destinations
   */
  public ClientTransport(int threads, SourceAddresses sources) {
    this.epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-io", true), factory);
    this.sources = sources;
  }

  public EventLoopGroup group() {
    return group;
  }

  /** "epoll" or "nio". */
  public String transport() {
    return epoll ? "epoll" : "nio";
  }

  /** Connects a new socket to {@code remote} with {@code handler} (usually an initializer). */
  public ChannelFuture connect(InetSocketAddress remote, ChannelHandler handler) {
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(handler);
    InetSocketAddress local = remote.getAddress() != null && remote.getAddress().isLoopbackAddress()
        ? sources.next() : null;
    if (local == null) {
      return bootstrap.connect(remote);
    }
    if (epoll) {
      // the port is then chosen at connect time for the whole 4-tuple, not reserved at bind time
      bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
    }
    return bootstrap.connect(remote, local);
  }

  /** Waits for the event loops to stop (up to a few seconds). */
  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
