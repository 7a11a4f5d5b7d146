package io.pushgate.gateway.admin;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.pushgate.gateway.http.PipelineNames;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The admin listener's pipeline: HTTP codec, keep-alive, a small aggregator, then {@link AdminHandler}. */
@Singleton
public final class AdminChannelInitializer extends ChannelInitializer<Channel> {
  /** Admin requests carry no body worth reading. */
  static final int MAX_ADMIN_REQUEST_BYTES = 8 * 1024;

  private final AdminHandler handler;

  @Inject
  AdminChannelInitializer(AdminHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline()
        .addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec())
        .addLast(PipelineNames.HTTP_KEEP_ALIVE, new HttpServerKeepAliveHandler())
        .addLast(PipelineNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_ADMIN_REQUEST_BYTES))
        .addLast(PipelineNames.ADMIN, handler);
  }
}
