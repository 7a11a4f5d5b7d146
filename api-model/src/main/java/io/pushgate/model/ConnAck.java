package io.pushgate.model;

/**
 * The answer to a {@link ConnCheck} (root {@code connAck}).
 *
 * @param channelLifetime the lifetime the server just applied; only in server-sent acks
 */
public record ConnAck(Integer channelLifetime) {}
