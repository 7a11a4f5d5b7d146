package io.pushgate.gateway.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.pushgate.gateway.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/** Builds the public listener's pipeline; the order is drawn in {@link PipelineNames}. */
@Singleton
public final class HttpChannelInitializer extends ChannelInitializer<Channel> {
  /** Longest request line (method, URI, version) accepted; longer gets 400. */
  static final int MAX_INITIAL_LINE_BYTES = 8 * 1024;
  /** Largest header block accepted; larger gets 400. */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  /** Flushes coalesced into one syscall while a read is in progress. */
  static final int EXPLICIT_FLUSH_AFTER_FLUSHES = 256;

  private final GatewayConfig config;
  private final Provider<RestHandler> restHandlers;
  private final ResponseEncoder encoder;
  private final ConnectionLimiter connectionLimiter;
  private final TlsContext tls;

  @Inject
  HttpChannelInitializer(GatewayConfig config, Provider<RestHandler> restHandlers, ResponseEncoder encoder,
      ConnectionLimiter connectionLimiter, TlsContext tls) {
    this.config = config;
    this.connectionLimiter = connectionLimiter;
    this.tls = tls;
    this.restHandlers = restHandlers;
    this.encoder = encoder;
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(PipelineNames.CONNECTION_LIMIT, connectionLimiter);
    pipeline.addLast(PipelineNames.FLUSH_CONSOLIDATION, new FlushConsolidationHandler(EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    tls.context().ifPresent(context -> pipeline.addLast(PipelineNames.TLS, context.newHandler(channel.alloc())));
    pipeline.addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
        .setMaxHeaderSize(MAX_HEADER_BYTES)));
    pipeline.addLast(PipelineNames.REQUEST_TIMEOUT,
        new RequestTimeoutHandler(config.security().requestReadTimeout().toMillis()));
    pipeline.addLast(PipelineNames.HTTP_KEEP_ALIVE, new HttpServerKeepAliveHandler());
    pipeline.addLast(PipelineNames.HTTP_AGGREGATOR, new ApiObjectAggregator(config.maxRequestBytes(), encoder));
    pipeline.addLast(PipelineNames.REST, restHandlers.get());
  }
}
