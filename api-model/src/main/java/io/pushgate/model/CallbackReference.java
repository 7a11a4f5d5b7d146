package io.pushgate.model;

/**
 * Where an enabler subscription delivers its notifications (REST_NetAPI_Common).
 *
 * @param notifyURL the notification target, typically a channel's callbackURL
 * @param callbackData opaque data echoed in every notification
 * @param notificationFormat {@code XML} or {@code JSON}
 */
public record CallbackReference(String notifyURL, String callbackData, String notificationFormat) {}
