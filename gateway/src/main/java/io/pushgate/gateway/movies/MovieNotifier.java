package io.pushgate.gateway.movies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.http.PublicUrls;
import io.pushgate.model.RawNotification;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells subscribers of a committed movie change: {@code movieNotification{callbackData, changeType,
 * movie, link}} in the format each subscription asked for. A notifyURL that is one of this gateway's
 * callbackURLs is delivered in-process, straight into that channel's log; any other is POSTed by the
 * {@link WebhookSender}.
 *
 * <p>A change is admitted before it commits ({@link #recipients}): room for its in-process
 * notifications is reserved in the notification log, and when there is none the change is refused
 * (503, {@code Retry-After}) and rolls back. So a change that was answered 200 is never notified in
 * part because the log was full; under overload the movie's writer hears so and retries, as an
 * enabler does.
 */
@Singleton
public final class MovieNotifier {
  private static final Logger log = LoggerFactory.getLogger(MovieNotifier.class);

  private final MovieCodec codec;
  private final PublicUrls urls;
  private final LiveChannels channels;
  private final NotificationLog notificationLog;
  private final WebhookSender webhooks;

  @Inject
  MovieNotifier(MovieCodec codec, PublicUrls urls, LiveChannels channels, NotificationLog notificationLog,
      WebhookSender webhooks) {
    this.codec = codec;
    this.urls = urls;
    this.channels = channels;
    this.notificationLog = notificationLog;
    this.webhooks = webhooks;
  }

  /** A subscription whose notifyURL is one of this gateway's callbackURLs, and that URL's token. */
  private record Local(MovieSubscription subscription, String callbackToken) {}

  /**
   * Whom a change will notify: this gateway's own channels, with room for them in the log, and other
   * servers. Closing it hands back room not used (the change did not commit).
   */
  static final class Recipients implements AutoCloseable {
    private final List<Local> local;
    private final List<MovieSubscription> remote;
    private final NotificationLog.Reservation room;

    private Recipients(List<Local> local, List<MovieSubscription> remote, NotificationLog.Reservation room) {
      this.local = local;
      this.remote = remote;
      this.room = room;
    }

    int size() {
      return local.size() + remote.size();
    }

    @Override
    public void close() {
      room.close();
    }
  }

  /**
   * Sorts a change's subscriptions and reserves room in the notification log for those delivered
   * in-process.
   *
   * @throws io.pushgate.gateway.store.DatabaseBusyException when the log has no room for them: the
   *     change must not commit
   */
  Recipients recipients(List<MovieSubscription> subscriptions) {
    List<Local> local = new ArrayList<>();
    List<MovieSubscription> remote = new ArrayList<>();
    for (MovieSubscription subscription : subscriptions) {
      Optional<String> token = urls.callbackToken(subscription.notifyUrl());
      if (token.isPresent()) {
        local.add(new Local(subscription, token.get()));
      } else {
        remote.add(subscription);
      }
    }
    return new Recipients(local, remote, notificationLog.reserve(local.size()));
  }

  /**
   * Notifies a committed change's recipients; runs on a database thread (channels not in memory are
   * read here). Room reserved for a channel that is gone goes back when this returns.
   */
  void changed(ChangeType type, Movie movie, Recipients recipients) {
    try (recipients) {
      // the movie's representation is the same for every subscriber: built once, shared (only read)
      ObjectNode movieNode = codec.movie(movie, urls.movie(movie.movieId()));
      int tried = 0;
      try {
        for (Local local : recipients.local) {
          deliverLocally(type, movieNode, local, recipients.room);
          tried++;
        }
      } catch (DataAccessException e) {
        // the database failed a channel lookup: the lookups after it would each wait on it too
        log.warn("movie {}: the last {} of {} notification(s) not made, a channel could not be read: {}",
            movie.movieId(), recipients.local.size() - tried, recipients.local.size(), e.toString());
      }
      for (MovieSubscription subscription : recipients.remote) {
        webhooks.send(subscription.notifyUrl(), notification(type, movieNode, subscription),
            subscription.notificationFormat());
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

  private void deliverLocally(ChangeType type, ObjectNode movie, Local local, NotificationLog.Reservation room) {
    MovieSubscription subscription = local.subscription();
    Optional<LiveChannel> channel = channels.byCallbackTokenOnDatabaseThread(local.callbackToken());
    if (channel.isEmpty()) { // its room goes back when the change's recipients are closed
      log.debug("subscription {} points at a channel that is gone", subscription.subscriptionId());
      return;
    }
    RawNotification notification = new RawNotification(MovieCodec.NOTIFICATION, subscription.notificationFormat(),
        notification(type, movie, subscription));
    // a failed group commit is logged once for its batch by the log; a channel deleted meanwhile is expected
    room.append(channel.get(), List.of(notification)).whenComplete((done, failure) -> {
      if (failure != null) {
        log.debug("notification for subscription {} not appended: {}", subscription.subscriptionId(), failure.toString());
      }
    });
  }
}
