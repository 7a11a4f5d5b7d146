package io.pushgate.gateway.http;

import io.pushgate.gateway.channel.Channel;
import io.pushgate.model.ChannelData;
import io.pushgate.model.LongPollingData;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.NotificationChannelList;
import io.pushgate.model.WebSocketsData;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** Builds the spec's representations of channels: every server-owned field filled (spec §5.2.2.2). */
@Singleton
final class ChannelRepresentation {
  private final PublicUrls urls;

  @Inject
  ChannelRepresentation(PublicUrls urls) {
    this.urls = urls;
  }

  /** The full {@code notificationChannel}; {@code channelLifetime} is the granted lifetime. */
  NotificationChannel of(Channel channel) {
    ChannelData data = switch (channel.channelType()) {
      case LongPolling -> new LongPollingData(urls.channel(channel), channel.maxNotifications(), channel.maxWaitTime());
      case WebSockets -> new WebSocketsData(urls.channel(channel), channel.maxNotifications());
      default -> throw new IllegalStateException("unsupported channel type stored: " + channel.channelType());
    };
    return new NotificationChannel(channel.clientCorrelator(), channel.applicationTag(), channel.channelType(), data,
        channel.lifetimeSeconds(), urls.callback(channel), urls.resource(channel.userId(), channel.channelId()));
  }

  NotificationChannelList list(String userId, List<Channel> channels) {
    return new NotificationChannelList(channels.stream().map(this::of).toList(), urls.channelList(userId));
  }
}
