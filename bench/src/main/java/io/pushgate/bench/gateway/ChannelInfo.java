package io.pushgate.bench.gateway;

import java.net.URI;

/**
 * A notification channel the harness created.
 *
 * @param index its place in the run (the {@code c} of its notifications' stamps)
 * @param userId the user it was created for
 * @param callbackUrl its callbackURL exactly as the gateway handed it out (what subscriptions name)
 * @param callbackPath the callbackURL's path, which the harness posts to on the gateway's address
 * @param channelUri its channelURL with the host and port replaced by the gateway's address
 */
public record ChannelInfo(int index, String userId, String callbackUrl, String callbackPath, URI channelUri) {}
