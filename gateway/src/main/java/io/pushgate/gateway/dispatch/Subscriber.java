package io.pushgate.gateway.dispatch;

import java.util.concurrent.CompletableFuture;

/**
 * The one receiver a channel delivers to at a time: its WebSocket session or its parked long poll.
 * Both methods may be called from any thread; implementations hop to their own event loop.
 */
public interface Subscriber {
  /** Notifications were committed to the channel's log. */
  void notifyPending();

  /**
   * The subscriber must stop: its channel is gone, a newer subscriber replaced it, or the gateway is
   * stopping. The future completes once its last word (a WebSocket's close frame, a poll's answer)
   * has been handed to its connection and, for a WebSocket, written out; it never fails.
   */
  CompletableFuture<Void> close(Ending ending);

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
