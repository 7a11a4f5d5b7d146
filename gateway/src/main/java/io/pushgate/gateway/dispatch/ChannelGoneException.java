package io.pushgate.gateway.dispatch;

/** The channel was deleted or expired while a request for it was under way. Expected: no stack trace. */
public final class ChannelGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ChannelGoneException(String channelId) {
    super("channel " + channelId + " is gone", null, false, false);
  }
}
