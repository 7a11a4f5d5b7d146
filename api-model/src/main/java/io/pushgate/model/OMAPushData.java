package io.pushgate.model;

/**
 * Channel data of an {@link ChannelType#OMAPush} channel.
 *
 * @param appId the push application id the PPG routes on
 * @param maxNotifications most notifications per pushed list
 * @param largeDataPolling the large-data polling fallback, null when not requested
 */
public record OMAPushData(String appId, Integer maxNotifications, LargeDataPolling largeDataPolling)
    implements ChannelData {}
