package io.pushgate.bench.client;

/** How a channel's client receives, named as the API's {@code channelType} names it. */
public enum ChannelType {
  /** One WebSocket per channel ({@link ChannelSocket}). */
  WebSockets,
  /** One long poll after another per channel ({@link LongPollChannel}). */
  LongPolling
}
