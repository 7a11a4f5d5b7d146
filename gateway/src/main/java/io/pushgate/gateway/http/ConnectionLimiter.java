package io.pushgate.gateway.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.metrics.GatewayMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code --max-connections-per-address} open connections from one client address; a connection
 * beyond that is closed at once, before a byte is read, and counted. The map holds one entry per
 * address with a connection open, no more.
 */
@Sharable
@Singleton
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

  private final int maxPerAddress;
  private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final GatewayMetrics metrics;

  @Inject
  ConnectionLimiter(GatewayConfig config, GatewayMetrics metrics) {
    this.maxPerAddress = config.security().maxConnectionsPerAddress();
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress address = address(ctx);
    if (address != null && open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet() > maxPerAddress) {
      metrics.refused(GatewayMetrics.Refusal.connection_limit);
      if (refused.incrementAndGet() % 1_000 == 1) { // one log line per thousand, the counter has them all
        log.warn("connections from {} over the limit of {}: closing ({} refused so far)", address, maxPerAddress,
            refused.get());
      }
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    InetAddress address = address(ctx);
    if (address != null) {
      open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
    ctx.fireChannelInactive();
  }

  private static InetAddress address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress() : null;
  }
}
