package io.pushgate.gateway.movies;

import static java.util.Objects.requireNonNull;

import io.pushgate.model.MediaFormat;
import java.time.Instant;

/**
 * A user's subscription to movie changes (the OMA pattern: a callbackReference whose notifyURL is,
 * typically, a notification channel's callbackURL).
 *
 * @param movieId only changes of this movie; null for every movie
 */
public record MovieSubscription(String subscriptionId, String userId, String notifyUrl, String callbackData,
    MediaFormat notificationFormat, String movieId, String clientCorrelator, Instant createdAt) {
  public MovieSubscription {
    requireNonNull(subscriptionId, "subscriptionId");
    requireNonNull(userId, "userId");
    requireNonNull(notifyUrl, "notifyUrl");
    requireNonNull(notificationFormat, "notificationFormat");
    requireNonNull(createdAt, "createdAt");
  }

  /** Whether a change to {@code changedMovieId} concerns this subscription. */
  public boolean matches(String changedMovieId) {
    return movieId == null || movieId.equals(changedMovieId);
  }
}
