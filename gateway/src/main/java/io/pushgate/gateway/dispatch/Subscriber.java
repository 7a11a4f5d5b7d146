package io.pushgate.gateway.dispatch;

/**
 * The one receiver a channel delivers to at a time: its WebSocket session or its parked long poll.
 * Both methods may be called from any thread; implementations hop to their own event loop.
 */
public interface Subscriber {
  /** Notifications were committed to the channel's log. */
  void notifyPending();

  /** The subscriber must stop: its channel is gone, or a newer subscriber replaced it. */
  void close(Ending ending);

  /** Why a subscriber is stopped. */
  enum Ending {
    /** The channel was deleted. */
    DELETED,
    /** The channel's lifetime ran out. */
    EXPIRED,
    /** A newer WebSocket or long poll on the same channel took over. */
    SUPERSEDED,
    /** The gateway is shutting down. */
    SHUTDOWN
  }
}
