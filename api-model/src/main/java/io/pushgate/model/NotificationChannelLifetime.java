package io.pushgate.model;

/**
 * A channel's lifetime (root {@code notificationChannelLifetime}).
 *
 * @param channelLifetime seconds: remaining (responses) or desired (PUT); null for the default
 */
public record NotificationChannelLifetime(Integer channelLifetime) {}
