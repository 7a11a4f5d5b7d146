package io.pushgate.model;

/**
 * Channel data of a {@link ChannelType#NativeChannel} channel.
 *
 * @param channelSubType the OEM push service: GCM, APNS or WNS (kept as sent)
 * @param registrationToken the app's token at that service
 * @param channelSubTypeVersion version of the OEM service
 * @param maxNotifications most notifications per pushed list
 * @param largeDataPolling the large-data polling fallback, null when not requested
 */
public record NativeChannelData(
    String channelSubType,
    String registrationToken,
    String channelSubTypeVersion,
    Integer maxNotifications,
    LargeDataPolling largeDataPolling)
    implements ChannelData {}
