package io.pushgate.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.pushgate.gateway.http.Router.Route;
import io.pushgate.gateway.movies.Movie;
import io.pushgate.gateway.movies.MovieCodec;
import io.pushgate.gateway.movies.MovieInput;
import io.pushgate.gateway.movies.MoviesService;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The sample enabler's REST resources: {@code /movies/v1/movies[/{movieId}]} and
 * {@code /movies/v1/{userId}/subscriptions[/{subscriptionId}]}. Translates between the wire and
 * {@link MoviesService}.
 */
@Singleton
final class MoviesResource {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;

  private final MoviesService movies;
  private final MovieCodec codec;
  private final PublicUrls urls;

  @Inject
  MoviesResource(MoviesService movies, MovieCodec codec, PublicUrls urls) {
    this.movies = movies;
    this.codec = codec;
    this.urls = urls;
  }

  CompletableFuture<ApiResponse> handle(Route route, HttpMethod method, String uri, RequestBody body, MediaFormat format)
      throws InvalidBodyException {
    String name = method.name();
    return switch (route.resource()) {
      case MOVIES -> name.equals("GET") ? list(uri, format) : create(body, format);
      case MOVIE -> switch (name) {
        case "GET" -> read(route.id(), format);
        case "PUT" -> edit(route.id(), body, format, movies::replace);
        case "PATCH" -> edit(route.id(), body, format, movies::patch);
        default -> delete(route.id());
      };
      case MOVIE_SUBSCRIPTIONS -> name.equals("GET") ? subscriptions(route.userId(), format)
          : subscribe(route.userId(), body, format);
      case MOVIE_SUBSCRIPTION -> name.equals("GET") ? subscription(route.userId(), route.id(), format)
          : unsubscribe(route.userId(), route.id());
      default -> throw new IllegalArgumentException("not a movies resource: " + route.resource());
    };
  }

  private CompletableFuture<ApiResponse> list(String uri, MediaFormat format) {
    QueryStringDecoder query = new QueryStringDecoder(uri);
    int offset = parameter(query, "offset", 0, Integer.MAX_VALUE, 0);
    int limit = parameter(query, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
    return movies.list(offset, limit).thenApply(page -> ok(codec.writeMovieList(
        page.movies().stream().map(movie -> codec.movie(movie, urls.movie(movie.movieId()))).toList(),
        page.total(), offset, limit, urls.movies() + "?offset=" + offset + "&limit=" + limit, format), format));
  }

  private CompletableFuture<ApiResponse> create(RequestBody body, MediaFormat format) throws InvalidBodyException {
    var input = codec.readMovie(required(body), requestFormat(body));
    return movies.create(input).thenApply(movie -> {
      String location = urls.movie(movie.movieId());
      return ApiResponse.created(encoded(codec.writeMovie(movie, location, format), format), location);
    });
  }

  private CompletableFuture<ApiResponse> read(String movieId, MediaFormat format) {
    return movies.find(movieId).thenApply(found -> found
        .map(movie -> ok(codec.writeMovie(movie, urls.movie(movieId), format), format))
        .orElseGet(() -> ApiResponse.notFound("movieId")));
  }

  /** PUT (replace every field) or PATCH (change those named): same reading, same answers. */
  private CompletableFuture<ApiResponse> edit(String movieId, RequestBody body, MediaFormat format,
      BiFunction<String, MovieInput, CompletableFuture<Optional<Movie>>> change) throws InvalidBodyException {
    MovieInput input = codec.readMovie(required(body), requestFormat(body));
    if (input.movieId() != null && !input.movieId().equals(movieId)) {
      return CompletableFuture.completedFuture(ApiResponse.error(ServiceException.invalidInput("movieId")));
    }
    return change.apply(movieId, input).thenApply(found -> found
        .map(movie -> ok(codec.writeMovie(movie, urls.movie(movieId), format), format))
        .orElseGet(() -> ApiResponse.notFound("movieId")));
  }

  private CompletableFuture<ApiResponse> delete(String movieId) {
    return movies.delete(movieId).thenApply(deleted -> deleted ? ApiResponse.noContent() : ApiResponse.notFound("movieId"));
  }

  private CompletableFuture<ApiResponse> subscriptions(String userId, MediaFormat format) {
    return movies.subscriptions(userId).thenApply(list -> ok(codec.writeSubscriptionList(
        list.stream().map(s -> codec.subscription(s, urls.subscription(userId, s.subscriptionId()))).toList(),
        urls.subscriptions(userId), format), format));
  }

  private CompletableFuture<ApiResponse> subscribe(String userId, RequestBody body, MediaFormat format)
      throws InvalidBodyException {
    var input = codec.readSubscription(required(body), requestFormat(body));
    return movies.subscribe(userId, input).thenApply(result -> {
      String location = urls.subscription(userId, result.subscription().subscriptionId());
      EncodedBody encoded = encoded(codec.writeSubscription(result.subscription(), location, format), format);
      return result.created() ? ApiResponse.created(encoded, location) : ApiResponse.ok(encoded, location);
    });
  }

  private CompletableFuture<ApiResponse> subscription(String userId, String subscriptionId, MediaFormat format) {
    return movies.subscription(userId, subscriptionId).thenApply(found -> found
        .map(s -> ok(codec.writeSubscription(s, urls.subscription(userId, subscriptionId), format), format))
        .orElseGet(() -> ApiResponse.notFound("subscriptionId")));
  }

  private CompletableFuture<ApiResponse> unsubscribe(String userId, String subscriptionId) {
    return movies.unsubscribe(userId, subscriptionId)
        .thenApply(deleted -> deleted ? ApiResponse.noContent() : ApiResponse.notFound("subscriptionId"));
  }

  private static byte[] required(RequestBody body) {
    if (body.isEmpty()) {
      throw new HttpStatusException(ApiResponse.error(ServiceException.invalidInput("body")));
    }
    return body.bytes();
  }

  /** The body's format: JSON or XML (415 otherwise). */
  private static MediaFormat requestFormat(RequestBody body) {
    return ContentNegotiation.requestFormat(body.contentType())
        .filter(format -> format != MediaFormat.FORM)
        .orElseThrow(() -> new HttpStatusException(ApiResponse.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            ServiceException.serviceError("unsupported Content-Type; supported: application/json, application/xml"))));
  }

  private static int parameter(QueryStringDecoder query, String name, int min, int max, int fallback) {
    List<String> values = query.parameters().get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(values.get(0));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new HttpStatusException(ApiResponse.error(ServiceException.invalidInputValue(name, min + " to " + max)));
  }

  private static ApiResponse ok(byte[] body, MediaFormat format) {
    return ApiResponse.ok(encoded(body, format));
  }

  private static EncodedBody encoded(byte[] body, MediaFormat format) {
    return new EncodedBody(format, Unpooled.wrappedBuffer(body));
  }
}
