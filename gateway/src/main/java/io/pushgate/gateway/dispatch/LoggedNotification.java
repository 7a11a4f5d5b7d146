package io.pushgate.gateway.dispatch;

import static java.util.Objects.requireNonNull;

import io.pushgate.model.RawNotification;

/**
 * A notification as the log holds it: the enabler's opaque document and its place in the channel's
 * sequence. The sequence number is the resume point a client quotes back.
 */
public record LoggedNotification(long seq, RawNotification notification) {
  public LoggedNotification {
    requireNonNull(notification, "notification");
  }
}
