package io.pushgate.gateway.movies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgate.gateway.dispatch.ChannelGoneException;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.http.PublicUrls;
import io.pushgate.gateway.store.DatabaseBusyException;
import io.pushgate.model.RawNotification;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells subscribers of a committed movie change: {@code movieNotification{callbackData, changeType,
 * movie, link}} in the format each subscription asked for. A notifyURL that is one of this gateway's
 * callbackURLs is delivered in-process, straight into that channel's log; any other is POSTed by the
 * {@link WebhookSender}.
 *
 * <p>An in-process notification the log refuses because it is full is dropped and counted in
 * {@link #droppedBusy()} (a movie change is not retried, as an enabler would retry its POST); one
 * whose channel went away meanwhile has no one left to tell, and is only logged at debug level.
 */
@Singleton
public final class MovieNotifier {
  private static final Logger log = LoggerFactory.getLogger(MovieNotifier.class);

  private final MovieCodec codec;
  private final PublicUrls urls;
  private final LiveChannels channels;
  private final NotificationLog notificationLog;
  private final WebhookSender webhooks;
  private final AtomicLong droppedBusy = new AtomicLong();

  @Inject
  MovieNotifier(MovieCodec codec, PublicUrls urls, LiveChannels channels, NotificationLog notificationLog,
      WebhookSender webhooks) {
    this.codec = codec;
    this.urls = urls;
    this.channels = channels;
    this.notificationLog = notificationLog;
    this.webhooks = webhooks;
  }

  void changed(ChangeType type, Movie movie, List<MovieSubscription> subscribers) {
    // the movie's representation is the same for every subscriber: built once, shared (only read)
    ObjectNode movieNode = codec.movie(movie, urls.movie(movie.movieId()));
    for (MovieSubscription subscription : subscribers) {
      byte[] body = notification(type, movieNode, subscription);
      Optional<String> localToken = urls.callbackToken(subscription.notifyUrl());
      if (localToken.isPresent()) {
        deliverLocally(localToken.get(), subscription, body);
      } else {
        webhooks.send(subscription.notifyUrl(), body, subscription.notificationFormat());
      }
    }
  }

  private byte[] notification(ChangeType type, ObjectNode movie, MovieSubscription subscription) {
    ObjectNode content = codec.object();
    MovieCodec.put(content, "callbackData", subscription.callbackData());
    MovieCodec.put(content, "changeType", type.name());
    content.set("movie", movie);
    ObjectNode link = codec.object();
    MovieCodec.put(link, "rel", "MovieSubscription");
    MovieCodec.put(link, "href", urls.subscription(subscription.userId(), subscription.subscriptionId()));
    content.set("link", link);
    return codec.write(MovieCodec.NOTIFICATION, content, subscription.notificationFormat());
  }

  private void deliverLocally(String token, MovieSubscription subscription, byte[] body) {
    RawNotification notification = new RawNotification(MovieCodec.NOTIFICATION, subscription.notificationFormat(), body);
    channels.byCallbackToken(token)
        .thenCompose(found -> found.map(channel -> notificationLog.append(channel, List.of(notification)).thenApply(done -> true))
            .orElseGet(() -> java.util.concurrent.CompletableFuture.completedFuture(false)))
        .whenComplete((delivered, failure) -> {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          if (cause instanceof DatabaseBusyException) {
            droppedBusy.incrementAndGet(); // counted, so not logged each time: under load it is many
          } else if (cause instanceof ChannelGoneException || (cause == null && !delivered)) {
            log.debug("subscription {} points at a channel that is gone", subscription.subscriptionId());
          } else if (cause != null) {
            log.warn("notification for subscription {} not appended: {}", subscription.subscriptionId(), cause.toString());
          }
        });
  }

  /** Notifications for this gateway's own channels dropped because the notification log (or the database) was full. */
  public long droppedBusy() {
    return droppedBusy.get();
  }
}
