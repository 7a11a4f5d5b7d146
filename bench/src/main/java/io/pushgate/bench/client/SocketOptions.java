package io.pushgate.bench.client;

/**
 * How the harness's WebSockets behave.
 *
 * @param maxFrameBytes largest message read; a larger one closes the socket (maxNotifications × size
 *     of a notification must fit)
 * @param ackIntervalMillis how often a socket confirms what it read with {@code ncAck} (0: never),
 *     so the gateway can drop delivered notifications from its log as a real client lets it
 * @param reconnects how many times a socket the server closed is reopened with {@code ?resumePoint=}
 * @param handshakeTimeoutMillis how long an opening handshake may take
 * @param format what the server sends and the socket answers ({@code ackIntervalMillis} applies only
 *     to a format that {@link WireFormat#confirms() confirms})
 */
public record SocketOptions(int maxFrameBytes, long ackIntervalMillis, int reconnects, long handshakeTimeoutMillis,
    WireFormat format) {
  public SocketOptions {
    if (maxFrameBytes < 1024 || ackIntervalMillis < 0 || reconnects < 0 || handshakeTimeoutMillis < 1
        || format == null) {
      throw new IllegalArgumentException("invalid socket options");
    }
  }

  /** Options for the OMA Notification Channel API (pushgate). */
  public SocketOptions(int maxFrameBytes, long ackIntervalMillis, int reconnects, long handshakeTimeoutMillis) {
    this(maxFrameBytes, ackIntervalMillis, reconnects, handshakeTimeoutMillis, WireFormat.NOTIFICATION_CHANNEL);
  }
}
