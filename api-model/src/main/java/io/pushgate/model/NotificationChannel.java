package io.pushgate.model;

/**
 * A notification channel (root {@code notificationChannel}); every component is optional in the
 * record, the spec's presence rules are the gateway's business.
 *
 * @param clientCorrelator the client's tag for retrying a create without duplicates
 * @param applicationTag a free tag for the client's own use
 * @param channelType the delivery mechanism
 * @param channelData the type-specific data, of the variant matching {@code channelType}
 * @param channelLifetime requested or granted lifetime in seconds
 * @param callbackURL the URL enablers send notifications to; set by the server
 * @param resourceURL the channel's own URL; set by the server
 */
public record NotificationChannel(
    String clientCorrelator,
    String applicationTag,
    ChannelType channelType,
    ChannelData channelData,
    Integer channelLifetime,
    String callbackURL,
    String resourceURL) {}
