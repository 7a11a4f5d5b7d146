package io.pushgate.model;

import java.util.List;

/**
 * The channels of one user (root {@code notificationChannelList}).
 *
 * @param notificationChannel the channels; null becomes an empty list
 * @param resourceURL the list's own URL
 */
public record NotificationChannelList(List<NotificationChannel> notificationChannel, String resourceURL) {

  /** Copies the list so the record stays immutable. */
  public NotificationChannelList {
    notificationChannel = notificationChannel == null ? List.of() : List.copyOf(notificationChannel);
  }
}
