package io.pushgate.bench.client;

/**
 * What a server sends on a subscriber's WebSocket, and what the harness's socket answers.
 *
 * <ul>
 *   <li>{@link #NOTIFICATION_CHANNEL}: the OMA Notification Channel API, as pushgate speaks it: the
 *       API's subprotocol, messages that are {@code notificationList}s with an {@code ncResumePoint},
 *       {@code connCheck} answered with {@code connAck}, reads confirmed with {@code ncAck}, a reopened
 *       socket resuming with {@code ?resumePoint=}.
 *   <li>{@link #ONE_PER_MESSAGE}: a plain WebSocket (no subprotocol) whose every message is exactly
 *       one notification document, as Nchan relays each published body; nothing is answered or
 *       confirmed, and a reopened socket simply starts again.
 * </ul>
 */
public enum WireFormat {
  NOTIFICATION_CHANNEL(ChannelSocket.SUBPROTOCOL, true),
  ONE_PER_MESSAGE(null, false);

  private final String subprotocol;
  private final boolean confirms;

  WireFormat(String subprotocol, boolean confirms) {
    this.subprotocol = subprotocol;
    this.confirms = confirms;
  }

  /** The subprotocol the handshake asks for, or null for none. */
  public String subprotocol() {
    return subprotocol;
  }

  /** True when the socket confirms what it read ({@code ncAck}) and answers {@code connCheck}. */
  public boolean confirms() {
    return confirms;
  }
}
