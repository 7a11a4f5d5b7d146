package io.pushgate.gateway.movies;

import io.pushgate.gateway.channel.ChannelTokens;
import io.pushgate.gateway.channel.RequestRejectedException;
import io.pushgate.gateway.store.DbExecutor;
import io.pushgate.gateway.store.MovieRepository;
import io.pushgate.gateway.store.MovieRepository.Page;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample enabler: movies and subscriptions to their changes. Every change is made in one
 * transaction together with reading the subscriptions it concerns; only once it has committed are
 * they notified ({@link MovieNotifier}), so a change that rolls back notifies no one.
 */
@Singleton
public final class MoviesService {
  private static final Logger log = LoggerFactory.getLogger(MoviesService.class);
  static final int MAX_TEXT = 256;
  static final int MAX_SYNOPSIS = 2000;
  static final int MAX_URL = 2048;

  private final MovieRepository repository;
  private final MovieNotifier notifier;
  private final DbExecutor db;
  private final ChannelTokens ids;
  private final int maxSubscriptionsPerUser;
  private final Clock clock;
  /** Changes in progress at once, the rest waiting briefly for a turn ({@code --movie-changes-in-progress}). */
  private final ChangeAdmission admission;

  @Inject
  MoviesService(MovieRepository repository, MovieNotifier notifier, DbExecutor db, ChannelTokens ids,
      io.pushgate.gateway.GatewayConfig config, Clock clock) {
    this.maxSubscriptionsPerUser = config.security().maxSubscriptionsPerUser();
    this.admission = new ChangeAdmission(config.movieChanges().inProgress(), config.movieChanges().maxWait());
    this.repository = repository;
    this.notifier = notifier;
    this.db = db;
    this.ids = ids;
    this.clock = clock;
  }

  public CompletableFuture<Page> list(int offset, int limit) {
    return db.supply(() -> repository.list(offset, limit));
  }

  public CompletableFuture<Optional<Movie>> find(String movieId) {
    return db.supply(() -> repository.find(movieId));
  }

  /** Creates a movie (its id given or made from its title); title and premiereDate are required. */
  public CompletableFuture<Movie> create(MovieInput input) {
    Movie candidate;
    try {
      candidate = complete(input.movieId() != null ? checkId(input.movieId()) : slug(input.title()), input);
    } catch (RequestRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return asChange(() -> {
      Instant now = clock.instant();
      Change change = inTransaction(tx -> {
        Movie movie = candidate;
        if (!tx.insert(movie, now)) {
          if (input.movieId() != null) {
            throw reject("movieId"); // taken
          }
          movie = withId(movie, movie.movieId() + "-" + ids.next().substring(0, 6).toLowerCase(Locale.ROOT));
          if (!tx.insert(movie, now)) {
            throw reject("movieId");
          }
        }
        return change(ChangeType.Created, movie, tx);
      });
      return committed(change);
    });
  }

  /** Replaces every field of a movie; empty when there is none. */
  public CompletableFuture<Optional<Movie>> replace(String movieId, MovieInput input) {
    Movie replacement;
    try {
      replacement = complete(movieId, input);
    } catch (RequestRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return update(movieId, existing -> replacement);
  }

  /** Changes the fields present in {@code input}; empty when there is no such movie. */
  public CompletableFuture<Optional<Movie>> patch(String movieId, MovieInput input) {
    try {
      checkLengths(input);
    } catch (RequestRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return update(movieId, existing -> new Movie(movieId,
        Objects.requireNonNullElse(input.title(), existing.title()),
        Objects.requireNonNullElse(input.premiereDate(), existing.premiereDate()),
        input.genre() != null ? input.genre() : existing.genre(),
        input.director() != null ? input.director() : existing.director(),
        input.runtimeMinutes() != null ? input.runtimeMinutes() : existing.runtimeMinutes(),
        input.rating() != null ? input.rating() : existing.rating(),
        input.synopsis() != null ? input.synopsis() : existing.synopsis()));
  }

  /** Deletes a movie; false when there was none. */
  public CompletableFuture<Boolean> delete(String movieId) {
    return asChange(() -> {
      Change change = inTransaction(tx -> tx.find(movieId)
          .filter(movie -> tx.delete(movieId))
          .map(movie -> change(ChangeType.Deleted, movie, tx))
          .orElse(null));
      if (change == null) {
        return false;
      }
      committed(change);
      return true;
    });
  }

  private CompletableFuture<Optional<Movie>> update(String movieId, java.util.function.UnaryOperator<Movie> edit) {
    return asChange(() -> {
      Instant now = clock.instant();
      Change change = inTransaction(tx -> tx.find(movieId).map(existing -> {
        Movie updated = edit.apply(existing);
        tx.update(updated, now);
        return change(ChangeType.Updated, updated, tx);
      }).orElse(null));
      return Optional.ofNullable(change).map(this::committed);
    });
  }

  /** Runs a change on a database thread once it is admitted (see {@link ChangeAdmission}). */
  private <T> CompletableFuture<T> asChange(Supplier<T> work) {
    return admission.admit(() -> db.supply(work));
  }

  /** A change and whom it concerns, with room for their notifications reserved. */
  private record Change(ChangeType type, Movie movie, MovieNotifier.Recipients recipients) {}

  /**
   * The last step of a change's transaction: its subscriptions, and room for their notifications.
   * When the notification log has none, the change is refused (503) and rolls back, rather than
   * commit and then notify some of its subscribers and not others.
   */
  private Change change(ChangeType type, Movie movie, MovieRepository.Tx tx) {
    return new Change(type, movie, notifier.recipients(tx.subscriptionsFor(movie.movieId())));
  }

  /** Runs a change's transaction; if it does not commit, the room its change reserved goes back. */
  private Change inTransaction(Function<MovieRepository.Tx, Change> work) {
    AtomicReference<Change> made = new AtomicReference<>();
    try {
      return repository.inTransaction(tx -> {
        Change change = work.apply(tx);
        made.set(change);
        return change;
      });
    } catch (RuntimeException e) {
      Change change = made.get();
      if (change != null) {
        change.recipients().close();
      }
      throw e;
    }
  }

  private Movie committed(Change change) {
    log.info("movie {} {}: notifying {} subscription(s)", change.movie().movieId(),
        change.type().name().toLowerCase(Locale.ROOT), change.recipients().size());
    notifier.changed(change.type(), change.movie(), change.recipients());
    return change.movie();
  }

  // ---- subscriptions

  /** The result of a subscribe: the subscription, and whether it is new. */
  public record Subscribed(MovieSubscription subscription, boolean created) {}

  /**
   * Subscribes {@code userId}. A repeat with the same clientCorrelator and the same request returns
   * the earlier subscription; the same correlator with another request is SVC0005.
   */
  public CompletableFuture<Subscribed> subscribe(String userId, SubscriptionInput input) {
    try {
      checkSubscription(input);
    } catch (RequestRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return db.supply(() -> {
      if (input.movieId() != null && repository.find(input.movieId()).isEmpty()) {
        throw reject("movieId");
      }
      if (input.clientCorrelator() == null || repository.findSubscriptionByCorrelator(userId, input.clientCorrelator()).isEmpty()) {
        if (repository.countSubscriptions(userId) >= maxSubscriptionsPerUser) {
          throw new RequestRejectedException(io.pushgate.model.PolicyException.policyError(
              "at most " + maxSubscriptionsPerUser + " subscriptions per user"));
        }
      }
      MediaFormat format = input.notificationFormat() == null ? MediaFormat.JSON : input.notificationFormat();
      MovieSubscription fresh = new MovieSubscription(ids.next(), userId, input.notifyUrl(), input.callbackData(),
          format, input.movieId(), input.clientCorrelator(), clock.instant());
      if (repository.insertSubscription(fresh)) {
        log.info("movie subscription created: {}", fresh.subscriptionId());
        return new Subscribed(fresh, true);
      }
      MovieSubscription earlier = repository.findSubscriptionByCorrelator(userId, input.clientCorrelator())
          .orElseThrow(() -> reject("clientCorrelator"));
      if (sameRequest(earlier, fresh)) {
        return new Subscribed(earlier, false);
      }
      throw new RequestRejectedException(ServiceException.duplicateCorrelator(input.clientCorrelator(), "clientCorrelator"));
    });
  }

  public CompletableFuture<List<MovieSubscription>> subscriptions(String userId) {
    return db.supply(() -> repository.listSubscriptions(userId));
  }

  public CompletableFuture<Optional<MovieSubscription>> subscription(String userId, String subscriptionId) {
    return db.supply(() -> repository.findSubscription(userId, subscriptionId));
  }

  public CompletableFuture<Boolean> unsubscribe(String userId, String subscriptionId) {
    return db.supply(() -> repository.deleteSubscription(userId, subscriptionId));
  }

  private static boolean sameRequest(MovieSubscription a, MovieSubscription b) {
    return a.notifyUrl().equals(b.notifyUrl()) && Objects.equals(a.callbackData(), b.callbackData())
        && a.notificationFormat() == b.notificationFormat() && Objects.equals(a.movieId(), b.movieId());
  }

  // ---- validation

  private static Movie complete(String movieId, MovieInput input) {
    checkLengths(input);
    if (input.title() == null) {
      throw reject("title");
    }
    if (input.premiereDate() == null) {
      throw reject("premiereDate");
    }
    return new Movie(movieId, input.title(), input.premiereDate(), input.genre(), input.director(),
        input.runtimeMinutes(), input.rating(), input.synopsis());
  }

  private static void checkLengths(MovieInput input) {
    checkLength(input.title(), "title", MAX_TEXT);
    checkLength(input.genre(), "genre", 64);
    checkLength(input.director(), "director", 128);
    checkLength(input.rating(), "rating", 16);
    checkLength(input.synopsis(), "synopsis", MAX_SYNOPSIS);
    if (input.runtimeMinutes() != null && (input.runtimeMinutes() < 1 || input.runtimeMinutes() > 10_000)) {
      throw reject("runtimeMinutes");
    }
  }

  private static void checkSubscription(SubscriptionInput input) {
    if (input.notifyUrl() == null || input.notifyUrl().length() > MAX_URL || !isHttpUrl(input.notifyUrl())) {
      throw reject("callbackReference.notifyURL");
    }
    checkLength(input.callbackData(), "callbackReference.callbackData", 1024);
    checkLength(input.clientCorrelator(), "clientCorrelator", MAX_TEXT);
    if (input.movieId() != null) {
      checkId(input.movieId());
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return uri.isAbsolute() && uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void checkLength(String value, String part, int max) {
    if (value != null && value.length() > max) {
      throw reject(part);
    }
  }

  private static String checkId(String movieId) {
    if (movieId.isEmpty() || movieId.length() > 64 || !movieId.chars().allMatch(MoviesService::isIdChar)) {
      throw reject("movieId");
    }
    return movieId;
  }

  private static boolean isIdChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  /** "The Long Meridian" → "the-long-meridian". */
  static String slug(String title) {
    if (title == null) {
      throw reject("title");
    }
    String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    slug = slug.length() > 48 ? slug.substring(0, 48) : slug;
    return slug.isEmpty() ? "movie" : slug;
  }

  private static Movie withId(Movie movie, String movieId) {
    return new Movie(movieId, movie.title(), movie.premiereDate(), movie.genre(), movie.director(),
        movie.runtimeMinutes(), movie.rating(), movie.synopsis());
  }

  private static RequestRejectedException reject(String part) {
    return new RequestRejectedException(ServiceException.invalidInput(part));
  }
}
