package io.pushgate.gateway.movies;

import io.pushgate.model.MediaFormat;

/** A subscription as a client asked for it (validated by the service). */
public record SubscriptionInput(String notifyUrl, String callbackData, MediaFormat notificationFormat, String movieId,
    String clientCorrelator) {}
