package io.pushgate.model;

/**
 * Channel data of a {@link ChannelType#WebSockets} channel.
 *
 * @param channelURL the ws: or wss: URL the client connects to; set by the server
 * @param maxNotifications most notifications per WebSocket message
 */
public record WebSocketsData(String channelURL, Integer maxNotifications) implements ChannelData {}
