package io.pushgate.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.pushgate.gateway.admin.AdminChannelInitializer;
import io.pushgate.gateway.http.HttpChannelInitializer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds and unbinds the two listeners: the public one (REST, WebSockets) and the admin one on 127.0.0.1. */
@Singleton
final class Listeners implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);
  static final String ADMIN_HOST = "127.0.0.1";

  private final GatewayConfig config;
  private final EventLoops loops;
  private final HttpChannelInitializer publicInitializer;
  private final AdminChannelInitializer adminInitializer;
  private Channel publicChannel;
  private Channel adminChannel;

  @Inject
  Listeners(GatewayConfig config, EventLoops loops, HttpChannelInitializer publicInitializer,
      AdminChannelInitializer adminInitializer) {
    this.config = config;
    this.loops = loops;
    this.publicInitializer = publicInitializer;
    this.adminInitializer = adminInitializer;
  }

  synchronized void bind() {
    publicChannel = bind("public", config.host(), config.port(), publicInitializer);
    adminChannel = bind("admin", ADMIN_HOST, config.adminPort(), adminInitializer);
  }

  /** The port the public listener is bound to (useful with --port 0). */
  synchronized int publicPort() {
    return ((InetSocketAddress) publicChannel.localAddress()).getPort();
  }

  synchronized int adminPort() {
    return ((InetSocketAddress) adminChannel.localAddress()).getPort();
  }

  private Channel bind(String name, String host, int port, ChannelHandler initializer) {
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loops.group())
        .channel(loops.serverChannelClass())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.ALLOCATOR, loops.allocator())
        .childHandler(initializer);
    try {
      Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
      log.info("{} listener bound to {} ({})", name, channel.localAddress(), loops.transport());
      return channel;
    } catch (Exception e) {
      throw new IllegalStateException("cannot bind the " + name + " listener to " + host + ":" + port + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    for (Channel channel : new Channel[] {publicChannel, adminChannel}) {
      if (channel != null) {
        channel.close().syncUninterruptibly();
      }
    }
    publicChannel = null;
    adminChannel = null;
  }
}
