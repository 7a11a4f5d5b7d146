package io.pushgate.gateway.channel;

import io.pushgate.gateway.GatewayConfig;
import io.pushgate.model.ChannelType;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What the gateway grants: channel types offered, lifetime (default and cap) and maxNotifications
 * (default and cap). The one place these decisions live.
 */
@Singleton
public final class ChannelPolicy {
  /** The channel types this gateway delivers over; the others answer POL1023. */
  static final Set<ChannelType> SUPPORTED_TYPES = EnumSet.of(ChannelType.LongPolling, ChannelType.WebSockets);

  private final int defaultLifetimeSeconds;
  private final int maxLifetimeSeconds;
  private final int defaultMaxNotifications;
  private final int maxNotificationsLimit;

  @Inject
  public ChannelPolicy(GatewayConfig config) {
    this.defaultLifetimeSeconds = (int) config.defaultChannelLifetime().toSeconds();
    this.maxLifetimeSeconds = (int) config.maxChannelLifetime().toSeconds();
    this.defaultMaxNotifications = config.defaultMaxNotifications();
    this.maxNotificationsLimit = config.maxNotificationsLimit();
  }

  boolean supports(ChannelType type) {
    return SUPPORTED_TYPES.contains(type);
  }

  /** The supported types as the spec's POL1023 %2 wants them: one comma-separated string. */
  static String supportedTypesText() {
    return SUPPORTED_TYPES.stream().map(Enum::name).collect(Collectors.joining(", "));
  }

  /** The lifetime granted for a request: the default when none is asked, capped at the maximum. */
  int grantLifetime(Integer requestedSeconds) {
    if (requestedSeconds == null) {
      return defaultLifetimeSeconds;
    }
    return Math.min(requestedSeconds, maxLifetimeSeconds);
  }

  /** The batch size granted: the default when none is asked, capped at the limit. */
  int grantMaxNotifications(Integer requested) {
    if (requested == null) {
      return defaultMaxNotifications;
    }
    return Math.min(requested, maxNotificationsLimit);
  }
}
