package io.pushgate.bench.gateway;

import io.pushgate.bench.client.ChannelType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.HttpResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The REST calls the harness makes to set a run up: create channels, list movies, subscribe channels
 * to a movie, change a movie. Requests go through the run's {@link HttpPool}, many at a time, each
 * with its user's bearer token ({@link Credentials}). Setup requests answered 429 (the gateway's rate
 * limit) or 503 are retried after a pause, 100 ms doubling to 2 s, at most {@value #SETUP_ATTEMPTS}
 * times; a movie change is never retried, since its timing is what fanout measures.
 */
public final class GatewayApi {
  static final int SETUP_ATTEMPTS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpPool http;
  private final URI base;
  private final String basePath;
  private final Credentials credentials;

  /**
   * @param base the gateway's public URL as given (its path, if any, prefixes every request)
   * @param credentials the tokens to show
   */
  public GatewayApi(HttpPool http, URI base, Credentials credentials) {
    this.http = http;
    this.base = base;
    this.credentials = credentials;
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** A refusal or an answer of the wrong shape from the gateway. */
  public static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApiException(String message) {
      super(message);
    }
  }

  /**
   * Creates {@code count} channels of {@code type}, channel {@code i} for user {@code <userPrefix><i>}.
   *
   * @return the channels, in index order
   * @throws ApiException when one is refused
   */
  public List<ChannelInfo> createChannels(int count, String userPrefix, int maxNotifications, ChannelType type)
      throws InterruptedException {
    byte[] body = ("{\"notificationChannel\":{\"channelType\":\"" + type + "\",\"channelData\":{\"maxNotifications\":\""
        + maxNotifications + "\"}}}").getBytes(StandardCharsets.UTF_8);
    List<CompletableFuture<HttpResult>> answers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String user = userPrefix + i;
      answers.add(setup(HttpMethod.POST, basePath + "/notificationchannel/v1/" + user + "/channels", body, user));
    }
    List<ChannelInfo> channels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      HttpResult answer = await(answers.get(i), "creating channel " + i);
      expect(answer, 201, "creating channel " + i);
      channels.add(channelInfo(i, userPrefix + i, answer.body()));
    }
    return channels;
  }

  ChannelInfo channelInfo(int index, String userId, byte[] body) {
    JsonNode channel = read(body).path("notificationChannel");
    String callback = channel.path("callbackURL").asText(null);
    String channelUrl = channel.path("channelData").path("channelURL").asText(null);
    if (callback == null || channelUrl == null) {
      throw new ApiException("a created channel without callbackURL or channelURL: " + new String(body, StandardCharsets.UTF_8));
    }
    URI callbackUri = URI.create(callback);
    String callbackPath = callbackUri.getRawPath() + (callbackUri.getRawQuery() == null ? "" : "?" + callbackUri.getRawQuery());
    return new ChannelInfo(index, userId, callback, callbackPath, onGateway(URI.create(channelUrl)));
  }

  /** {@code uri} with its host and port replaced by the gateway's (its URLs may name another host). */
  URI onGateway(URI uri) {
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(uri.getScheme() + "://" + base.getHost() + ":" + GatewayTarget.port(base) + uri.getRawPath() + query);
  }

  /**
   * The ids of the movies the gateway's movies service holds.
   *
   * @throws ApiException when the service is not there (404) or answers something else
   */
  public List<String> movieIds() throws InterruptedException {
    HttpResult answer = await(setup(HttpMethod.GET, basePath + "/movies/v1/movies", null, Credentials.ADMIN),
        "listing movies");
    if (answer.status() == 404 || answer.status() == 405) {
      throw new ApiException("this gateway has no movies service: GET /movies/v1/movies answered " + answer.status()
          + " (the fanout workload needs the sample movies enabler)");
    }
    expect(answer, 200, "listing movies");
    List<String> ids = new ArrayList<>();
    JsonNode movies = read(answer.body()).path("movieList").path("movie");
    for (JsonNode movie : movies.isArray() ? movies : List.of(movies)) {
      if (movie.hasNonNull("movieId")) {
        ids.add(movie.get("movieId").asText());
      }
    }
    return ids;
  }

  /** Subscribes each channel to {@code movieId}, with its index as callbackData. */
  public void subscribe(List<ChannelInfo> channels, String movieId) throws InterruptedException {
    List<CompletableFuture<HttpResult>> answers = new ArrayList<>(channels.size());
    for (ChannelInfo c : channels) {
      String body = "{\"movieSubscription\":{\"callbackReference\":{\"notifyURL\":" + quote(c.callbackUrl())
          + ",\"callbackData\":\"bench-" + c.index() + "\"},\"movieId\":" + quote(movieId) + "}}";
      answers.add(setup(HttpMethod.POST, basePath + "/movies/v1/" + c.userId() + "/subscriptions",
          body.getBytes(StandardCharsets.UTF_8), c.userId()));
    }
    for (int i = 0; i < answers.size(); i++) {
      HttpResult answer = await(answers.get(i), "subscribing channel " + i);
      if (answer.status() == 404 || answer.status() == 405) {
        throw new ApiException("this gateway has no movie subscriptions: POST /movies/v1/{userId}/subscriptions answered "
            + answer.status() + ": " + answer.bodyExcerpt());
      }
      expect(answer, 201, "subscribing channel " + i);
    }
  }

  /** Sends {@code PATCH /movies/v1/movies/{movieId}} with a new premiereDate; the answer, whatever it is. */
  public CompletableFuture<HttpResult> patchPremiereDate(String movieId, String premiereDate) throws InterruptedException {
    byte[] body = ("{\"movie\":{\"premiereDate\":\"" + premiereDate + "\"}}").getBytes(StandardCharsets.UTF_8);
    return http.request(HttpMethod.PATCH, basePath + "/movies/v1/movies/" + movieId, body,
        credentials.authorization(Credentials.ADMIN));
  }

  /** A setup request as {@code user}: takes a slot, retries 429 and 503 with the slot held, then frees it. */
  private CompletableFuture<HttpResult> setup(HttpMethod method, String path, byte[] body, String user)
      throws InterruptedException {
    http.acquire();
    CompletableFuture<HttpResult> answer = new CompletableFuture<>();
    attempt(method, path, body, credentials.authorization(user), 1, answer);
    return answer.whenComplete((r, e) -> http.release());
  }

  private void attempt(HttpMethod method, String path, byte[] body, String authorization, int attempt,
      CompletableFuture<HttpResult> answer) {
    http.send(method, path, body, authorization).whenComplete((r, e) -> {
      if (e == null && (r.status() == 429 || r.status() == 503) && attempt < SETUP_ATTEMPTS) {
        long pause = Math.min(2000, 100L << (attempt - 1));
        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS)
            .execute(() -> attempt(method, path, body, authorization, attempt + 1, answer));
      } else if (e != null) {
        answer.completeExceptionally(e);
      } else {
        answer.complete(r);
      }
    });
  }

  private static HttpResult await(CompletableFuture<HttpResult> answer, String what) throws InterruptedException {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw new ApiException(what + " failed: " + e.getCause());
    }
  }

  private void expect(HttpResult answer, int status, String what) {
    if (answer.status() == 401) {
      throw new ApiException(what + ": 401, the gateway wants a bearer token: "
          + (credentials.isNone() ? "give --jwt-secret (or --jwt-secret-file <its data-dir>/jwt-secret), or run it with --auth none"
              : "the token was refused (another secret?): " + answer.bodyExcerpt()));
    }
    if (answer.status() != status) {
      throw new ApiException(what + ": expected " + status + ", got " + answer.status() + ": " + answer.bodyExcerpt());
    }
  }

  private static JsonNode read(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiException("an answer that is not JSON: " + new String(body, StandardCharsets.UTF_8));
    }
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a String always serialises
    }
  }
}
