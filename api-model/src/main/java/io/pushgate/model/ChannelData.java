package io.pushgate.model;

/**
 * The channel-type specific part of a {@link NotificationChannel}. JSON carries no type marker, so
 * the variant always follows the channel's {@link ChannelType}.
 */
public sealed interface ChannelData
    permits LongPollingData, WebSocketsData, OMAPushData, NativeChannelData {

  /** Upper bound on notifications delivered together; null when not given. */
  Integer maxNotifications();
}
