package io.pushgate.gateway.channel;

import static java.util.Objects.requireNonNull;

import io.pushgate.model.ChannelType;
import java.time.Duration;
import java.time.Instant;

/**
 * A notification channel as the gateway keeps it: what the client asked for, as granted, and the two
 * capabilities ({@code callbackToken} for enablers, {@code channelToken} for the client's delivery
 * endpoint).
 *
 * @param lifetimeSeconds the lifetime last granted (at creation or refresh), not the remaining time
 * @param maxWaitTime     LongPolling only; null when the client asked for none
 */
public record Channel(
    String channelId,
    String userId,
    ChannelType channelType,
    String clientCorrelator,
    String applicationTag,
    int maxNotifications,
    Integer maxWaitTime,
    String callbackToken,
    String channelToken,
    int lifetimeSeconds,
    Instant expiresAt,
    Instant createdAt) {

  public Channel {
    requireNonNull(channelId, "channelId");
    requireNonNull(userId, "userId");
    requireNonNull(channelType, "channelType");
    requireNonNull(callbackToken, "callbackToken");
    requireNonNull(channelToken, "channelToken");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(createdAt, "createdAt");
  }

  /** Whole seconds left before expiry at {@code now}, never negative. */
  public int remainingSeconds(Instant now) {
    long millis = Duration.between(now, expiresAt).toMillis();
    return millis <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }

  public boolean isExpired(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
