package io.pushgate.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.channel.ChannelService;
import io.pushgate.gateway.dispatch.DeliveryCursors;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.dispatch.ResumePoint;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.model.ChannelType;
import io.pushgate.model.Codec;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.LongPollingRequestParameters;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A LongPolling channel's channelURL (spec §6.3): each POST refreshes the channel's lifetime,
 * confirms what the previous answer carried, and parks until there is something to answer.
 *
 * <p>Resume points (our extension): {@code ?resumePoint=N} confirms exactly up to N, for a client
 * that lost an answer in transit; without it a poll confirms everything the previous answer
 * carried, as the spec's flow implies.
 */
@Singleton
final class LongPollResource {
  private static final Set<MediaFormat> FORMATS = EnumSet.allOf(MediaFormat.class);

  private final LiveChannels channels;
  private final ChannelService channelService;
  private final NotificationLog notificationLog;
  private final DeliveryCursors cursors;
  private final GatewayMetrics metrics;
  private final Codec codec;
  private final Duration timeout;

  @Inject
  LongPollResource(LiveChannels channels, ChannelService channelService, NotificationLog notificationLog,
      DeliveryCursors cursors, Codec codec, GatewayMetrics metrics, GatewayConfig config) {
    this.metrics = metrics;
    this.channels = channels;
    this.channelService = channelService;
    this.notificationLog = notificationLog;
    this.cursors = cursors;
    this.codec = codec;
    this.timeout = config.longPollTimeout();
  }

  CompletableFuture<ApiResponse> poll(ChannelHandlerContext ctx, String channelToken, String uri, RequestBody body,
      MediaFormat responseFormat) throws InvalidBodyException {
    if (!body.isEmpty()) {
      body.read(codec, LongPollingRequestParameters.class, FORMATS); // empty in v1, but it must parse
    }
    Long resumePoint = resumePoint(uri);
    return channels.byChannelToken(channelToken).thenComposeAsync(found -> {
      if (found.isEmpty() || found.get().channel().channelType() != ChannelType.LongPolling) {
        return CompletableFuture.completedFuture(
            ApiResponse.error(HttpResponseStatus.NOT_FOUND, ServiceException.invalidInput("channelURL")));
      }
      LiveChannel channel = found.get();
      refreshLifetime(channel);
      long position = channel.resumeFrom(resumePoint != null ? resumePoint : channel.polledUpTo());
      notificationLog.acknowledge(channel, position);
      LongPollRequest request = new LongPollRequest(channel, position, cursors, ctx.channel().eventLoop(), ctx.alloc(),
          responseFormat, timeout, metrics);
      return request.start(ctx.channel().closeFuture());
    }, ctx.executor());
  }

  /** Each poll resets the lifetime to the one last granted (spec §5.3: "its original value"). */
  private void refreshLifetime(LiveChannel channel) {
    channelService.touchLifetimeOnPoll(channel.channel().userId(), channel.id(), channel.lifetimeSeconds(),
        channel.expiresAt());
  }

  /** {@code ?resumePoint=N}, or null; a malformed value is a 400. */
  private static Long resumePoint(String uri) {
    try {
      return ResumePoint.fromQuery(uri).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new HttpStatusException(ApiResponse.error(ServiceException.invalidInput(ResumePoint.PARAMETER)));
    }
  }
}
