package io.pushgate.model;

/**
 * The LargeDataPolling settings of an OMAPush or NativeChannel channel.
 *
 * @param pollingEnabled whether oversized batches are offered through a temporary polling URL
 * @param maxPollingNotifications most notifications per list returned from that URL
 */
public record LargeDataPolling(Boolean pollingEnabled, Integer maxPollingNotifications) {}
