package io.pushgate.model;

import java.util.List;

/**
 * Notifications delivered or received together (root {@code notificationList}), in order.
 *
 * @param notifications the notifications; null becomes an empty list
 */
public record NotificationList(List<RawNotification> notifications) {

  /** Copies the list so the record stays immutable. */
  public NotificationList {
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
  }
}
