package io.pushgate.model;

import java.util.Optional;

/** The delivery mechanism of a notification channel; constant names are the spec's exact values. */
public enum ChannelType {
  /** The client pulls by HTTP long polling on the channelURL. */
  LongPolling,
  /** The server pushes through the OMA Push enabler. */
  OMAPush,
  /** The server pushes over a WebSocket opened on the channelURL. */
  WebSockets,
  /** The server pushes through a device-native service (GCM, APNS, WNS). */
  NativeChannel;

  /** The valid values as one comma-separated string, in declaration order (for SVC0003). */
  static final String VALID_VALUES = "LongPolling, OMAPush, WebSockets, NativeChannel";

  /**
   * Parses the spec's value.
   *
   * @param s a channel type as sent by a client, may be null
   * @return the type for an exact, case-sensitive match; empty otherwise
   */
  public static Optional<ChannelType> parse(String s) {
    if (s != null) {
      for (ChannelType type : values()) {
        if (type.name().equals(s)) {
          return Optional.of(type);
        }
      }
    }
    return Optional.empty();
  }
}
