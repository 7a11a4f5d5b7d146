package io.pushgate.gateway.dispatch;

import static java.util.Objects.requireNonNull;

import io.pushgate.model.RawNotification;

/**
 * A notification as the log holds it: the enabler's opaque document and its place in the channel's
 * sequence. The sequence number is the resume point a client quotes back.
 *
 * @param acceptedNanos {@link System#nanoTime()} when this gateway accepted it, for the delivery
 *                      latency; 0 when it was read back from the log
 */
public record LoggedNotification(long seq, RawNotification notification, long acceptedNanos) {
  public LoggedNotification {
    requireNonNull(notification, "notification");
  }

  /** A notification read back from the log (no acceptance time in this process). */
  public LoggedNotification(long seq, RawNotification notification) {
    this(seq, notification, 0);
  }
}
