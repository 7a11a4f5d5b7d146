package io.pushgate.model;

/**
 * A WebSocket liveness check (root {@code connCheck}).
 *
 * @param checkInterval seconds until the sender's next connCheck
 * @param newChannelLifetime lifetime the server offers; only in server-sent checks
 */
public record ConnCheck(Integer checkInterval, Integer newChannelLifetime) {}
