package io.pushgate.model;

/**
 * Channel data of a {@link ChannelType#LongPolling} channel.
 *
 * @param channelURL the URL the client polls; set by the server
 * @param maxNotifications most notifications per poll response
 * @param maxWaitTime seconds pending notifications may be held back before a poll is answered
 */
public record LongPollingData(String channelURL, Integer maxNotifications, Integer maxWaitTime)
    implements ChannelData {}
