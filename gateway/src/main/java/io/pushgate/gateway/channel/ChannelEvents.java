package io.pushgate.gateway.channel;

import java.time.Instant;

/**
 * What the channel lifecycle tells delivery: a channel went away (deleted or expired), or its lifetime
 * changed. Called from database threads after the change is committed.
 */
public interface ChannelEvents {
  /** The channel is gone: close its socket, answer its parked poll, forget it. */
  void channelRemoved(String channelId, RemovalReason reason);

  /** The channel was granted a new lifetime. */
  void lifetimeChanged(String channelId, int lifetimeSeconds, Instant expiresAt);

  /** Why a channel went away. */
  enum RemovalReason { DELETED, EXPIRED }
}
