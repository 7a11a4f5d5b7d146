package io.pushgate.gateway;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.ThreadExecutorMap;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one event loop group serving every listener (REST, WebSocket upgrades, admin): epoll where the
 * native transport loads, NIO otherwise; and the buffer allocator every connection uses.
 *
 * <p>Netty's default of two loops per core unless configured. One per core costs less CPU but more
 * latency: unicast at 10,000/s on 2 cores, nine runs with two loops against five with four, gave
 * about 9% less gateway CPU per notification and a p99 8 ms higher on average (README, Performance);
 * for a push gateway the latency counts first, and {@code --event-loop-threads} lets an operator
 * choose the CPU.
 */
@Singleton
public final class EventLoops implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLoops.class);

  private final EventLoopGroup group;
  private final Class<? extends ServerChannel> serverChannelClass;
  private final String transport;

  @Inject
  EventLoops(GatewayConfig config) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
        new DefaultThreadFactory("pushgate-io", true), factory);
    this.serverChannelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    this.transport = epoll ? "epoll" : "nio";
  }

  public EventLoopGroup group() {
    return group;
  }

  /**
   * Netty's default allocator (in 4.2 the adaptive one unless {@code -Dio.netty.allocator.type} says
   * otherwise), named here so that the listeners hand it to their connections and the metrics
   * describe that one, not an allocator nobody uses.
   */
  public ByteBufAllocator allocator() {
    return ByteBufAllocator.DEFAULT;
  }

  Class<? extends ServerChannel> serverChannelClass() {
    return serverChannelClass;
  }

  String transport() {
    return transport;
  }

  /**
   * True unless the calling thread is a Netty event loop: for {@code assert}s in front of work that
   * must never run on one (JDBC, signature checks). Tests run with {@code -ea}; production pays nothing.
   */
  public static boolean notOnEventLoop() {
    return ThreadExecutorMap.currentExecutor() == null;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** Closes every connection and stops the loops, waiting at most {@code timeout}. */
  public void close(Duration timeout) {
    group.shutdownGracefully(0, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(timeout.toMillis() + 1_000);
    log.debug("event loops stopped");
  }
}
