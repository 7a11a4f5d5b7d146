package io.pushgate.gateway.ws;

import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.channel.ChannelService;
import io.pushgate.gateway.dispatch.DeliveryCursors;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.model.Codec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Makes {@link WebSocketSession}s: holds what every session shares. */
@Singleton
final class WebSocketSessions {
  final ChannelService channelService;
  final NotificationLog notificationLog;
  final DeliveryCursors cursors;
  final Codec codec;
  final GatewayMetrics metrics;
  final int keepAliveSeconds;

  @Inject
  WebSocketSessions(ChannelService channelService, NotificationLog notificationLog, DeliveryCursors cursors,
      Codec codec, GatewayMetrics metrics, GatewayConfig config) {
    this.metrics = metrics;
    this.channelService = channelService;
    this.notificationLog = notificationLog;
    this.cursors = cursors;
    this.codec = codec;
    this.keepAliveSeconds = (int) Math.max(1, config.keepAliveInterval().toSeconds());
  }

  WebSocketSession create(LiveChannel channel, WebSocketServerHandshaker handshaker, Long resumePoint) {
    return new WebSocketSession(this, channel, handshaker, resumePoint);
  }
}
