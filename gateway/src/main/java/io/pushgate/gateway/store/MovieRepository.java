package io.pushgate.gateway.store;

import static io.pushgate.gateway.store.jooq.Tables.MOVIE;
import static io.pushgate.gateway.store.jooq.Tables.MOVIE_SUBSCRIPTION;

import io.pushgate.gateway.movies.Movie;
import io.pushgate.gateway.movies.MovieSubscription;
import io.pushgate.gateway.store.jooq.tables.records.MovieRecord;
import io.pushgate.gateway.store.jooq.tables.records.MovieSubscriptionRecord;
import io.pushgate.model.MediaFormat;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The sample enabler's rows: movies and subscriptions. Blocking JDBC, on the {@link DbExecutor}.
 * A change and the subscriptions it must notify are read in one transaction ({@link #inTransaction}),
 * so a change that rolls back notifies no one.
 */
@Singleton
public final class MovieRepository {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;

  @Inject
  MovieRepository(Database database) {
    this.database = database;
  }

  /** The repository bound to one transaction. */
  public interface Tx {
    Optional<Movie> find(String movieId);

    /** Inserts; false when the movieId is taken. */
    boolean insert(Movie movie, Instant now);

    /** Replaces every field; false when there is no such movie. */
    boolean update(Movie movie, Instant now);

    boolean delete(String movieId);

    /** The subscriptions a change of {@code movieId} concerns: filtered to it, or to every movie. */
    List<MovieSubscription> subscriptionsFor(String movieId);
  }

  /** Runs {@code work} in one transaction; it commits when {@code work} returns, rolls back when it throws. */
  public <T> T inTransaction(Function<Tx, T> work) {
    return database.dsl().transactionResult(configuration -> work.apply(new JooqTx(configuration.dsl())));
  }

  /** A page of movies by premiere date, and how many there are in all. */
  public record Page(List<Movie> movies, int total) {}

  public Page list(int offset, int limit) {
    DSLContext dsl = database.dsl();
    List<Movie> movies = dsl.selectFrom(MOVIE).orderBy(MOVIE.PREMIERE_DATE, MOVIE.MOVIE_ID)
        .offset(offset).limit(limit).fetch(MovieRepository::toMovie);
    return new Page(movies, dsl.fetchCount(MOVIE));
  }

  public Optional<Movie> find(String movieId) {
    return database.dsl().selectFrom(MOVIE).where(MOVIE.MOVIE_ID.eq(movieId)).fetchOptional(MovieRepository::toMovie);
  }

  /** Inserts a subscription; false when the user already used its clientCorrelator. */
  public boolean insertSubscription(MovieSubscription subscription) {
    MovieSubscriptionRecord row = database.dsl().newRecord(MOVIE_SUBSCRIPTION);
    row.setSubscriptionId(subscription.subscriptionId());
    row.setUserId(subscription.userId());
    row.setNotifyUrl(subscription.notifyUrl());
    row.setCallbackData(subscription.callbackData());
    row.setNotificationFormat(subscription.notificationFormat().name());
    row.setMovieId(subscription.movieId());
    row.setClientCorrelator(subscription.clientCorrelator());
    row.setCreatedAt(subscription.createdAt());
    try {
      row.insert();
      return true;
    } catch (DataAccessException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState()) && subscription.clientCorrelator() != null) {
        return false;
      }
      throw e;
    }
  }

  public Optional<MovieSubscription> findSubscription(String userId, String subscriptionId) {
    return database.dsl().selectFrom(MOVIE_SUBSCRIPTION)
        .where(MOVIE_SUBSCRIPTION.USER_ID.eq(userId), MOVIE_SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId))
        .fetchOptional(MovieRepository::toSubscription);
  }

  public Optional<MovieSubscription> findSubscriptionByCorrelator(String userId, String clientCorrelator) {
    return database.dsl().selectFrom(MOVIE_SUBSCRIPTION)
        .where(MOVIE_SUBSCRIPTION.USER_ID.eq(userId), MOVIE_SUBSCRIPTION.CLIENT_CORRELATOR.eq(clientCorrelator))
        .fetchOptional(MovieRepository::toSubscription);
  }

  public int countSubscriptions(String userId) {
    return database.dsl().fetchCount(MOVIE_SUBSCRIPTION, MOVIE_SUBSCRIPTION.USER_ID.eq(userId));
  }

  public List<MovieSubscription> listSubscriptions(String userId) {
    return database.dsl().selectFrom(MOVIE_SUBSCRIPTION).where(MOVIE_SUBSCRIPTION.USER_ID.eq(userId))
        .orderBy(MOVIE_SUBSCRIPTION.CREATED_AT, MOVIE_SUBSCRIPTION.SUBSCRIPTION_ID)
        .fetch(MovieRepository::toSubscription);
  }

  public boolean deleteSubscription(String userId, String subscriptionId) {
    return database.dsl().deleteFrom(MOVIE_SUBSCRIPTION)
        .where(MOVIE_SUBSCRIPTION.USER_ID.eq(userId), MOVIE_SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId))
        .execute() == 1;
  }

  private record JooqTx(DSLContext dsl) implements Tx {
    @Override
    public Optional<Movie> find(String movieId) {
      return dsl.selectFrom(MOVIE).where(MOVIE.MOVIE_ID.eq(movieId)).forUpdate().fetchOptional(MovieRepository::toMovie);
    }

    @Override
    public boolean insert(Movie movie, Instant now) {
      return dsl.insertInto(MOVIE)
          .set(MOVIE.MOVIE_ID, movie.movieId())
          .set(fields(dsl, movie, now))
          .set(MOVIE.CREATED_AT, now)
          .onConflictDoNothing()
          .execute() == 1;
    }

    @Override
    public boolean update(Movie movie, Instant now) {
      return dsl.update(MOVIE).set(fields(dsl, movie, now)).where(MOVIE.MOVIE_ID.eq(movie.movieId())).execute() == 1;
    }

    @Override
    public boolean delete(String movieId) {
      return dsl.deleteFrom(MOVIE).where(MOVIE.MOVIE_ID.eq(movieId)).execute() == 1;
    }

    @Override
    public List<MovieSubscription> subscriptionsFor(String movieId) {
      return dsl.selectFrom(MOVIE_SUBSCRIPTION)
          .where(MOVIE_SUBSCRIPTION.MOVIE_ID.eq(movieId).or(MOVIE_SUBSCRIPTION.MOVIE_ID.isNull()))
          .orderBy(MOVIE_SUBSCRIPTION.CREATED_AT, MOVIE_SUBSCRIPTION.SUBSCRIPTION_ID)
          .fetch(MovieRepository::toSubscription);
    }

    private static MovieRecord fields(DSLContext dsl, Movie movie, Instant now) {
      MovieRecord row = dsl.newRecord(MOVIE);
      row.setTitle(movie.title());
      row.setPremiereDate(movie.premiereDate());
      row.setGenre(movie.genre());
      row.setDirector(movie.director());
      row.setRuntimeMinutes(movie.runtimeMinutes());
      row.setRating(movie.rating());
      row.setSynopsis(movie.synopsis());
      row.setUpdatedAt(now);
      return row;
    }
  }

  private static Movie toMovie(MovieRecord row) {
    return new Movie(row.getMovieId(), row.getTitle(), row.getPremiereDate(), row.getGenre(), row.getDirector(),
        row.getRuntimeMinutes(), row.getRating(), row.getSynopsis());
  }

  private static MovieSubscription toSubscription(MovieSubscriptionRecord row) {
    return new MovieSubscription(row.getSubscriptionId(), row.getUserId(), row.getNotifyUrl(), row.getCallbackData(),
        MediaFormat.valueOf(row.getNotificationFormat()), row.getMovieId(), row.getClientCorrelator(), row.getCreatedAt());
  }
}
