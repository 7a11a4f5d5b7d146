package io.pushgate.gateway.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.pushgate.gateway.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Maps a request path to a {@link Resource} and its decoded path variables. Paths are accepted both
 * with and without the public URL's base path, so the gateway works behind a proxy that strips the
 * prefix and behind one that does not.
 */
@Singleton
final class Router {
  static final String API_PREFIX = "/notificationchannel/v1/";
  static final String MOVIES_PREFIX = "/movies/v1/";
  /** Longest userId accepted, decoded (the column holds 512; 256 is plenty for tel:, sip:, acr:). */
  static final int MAX_USER_ID_LENGTH = 256;

  private final String basePath;

  @Inject
  Router(GatewayConfig config) {
    String path = config.publicUrl().getRawPath();
    this.basePath = path == null ? "" : path;
  }

  /**
   * A matched route: the resource and its decoded path variables: {@code userId} and {@code id} (a
   * channelId, movieId or subscriptionId; null on collections), or {@code token} for the capability URLs.
   */
  record Route(Resource resource, String userId, String id, String token) {
    static Route management(Resource resource, String userId, String id) {
      return new Route(resource, userId, id, null);
    }

    static Route capability(Resource resource, String token) {
      return new Route(resource, null, null, token);
    }
  }

  /** Thrown for a path that names a resource but carries an invalid variable (bad escape, empty userId). */
  static final class BadPathException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String part;

    BadPathException(String part) {
      super(part, null, false, false);
      this.part = part;
    }

    String part() {
      return part;
    }
  }

  /** The route of {@code uri}, or empty when nothing is served there. */
  Optional<Route> match(String uri) throws BadPathException {
    String path = new QueryStringDecoder(uri).rawPath();
    if (!basePath.isEmpty() && path.startsWith(basePath + "/")) {
      path = path.substring(basePath.length());
    }
    Optional<Route> capability = capability(path);
    if (capability.isPresent()) {
      return capability;
    }
    if (path.startsWith(MOVIES_PREFIX)) {
      return movies(path.substring(MOVIES_PREFIX.length()));
    }
    if (!path.startsWith(API_PREFIX)) {
      return Optional.empty();
    }
    String rest = path.substring(API_PREFIX.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] segments = rest.split("/", -1);
    if (segments.length < 2 || !segments[1].equals("channels")) {
      return Optional.empty();
    }
    Resource resource;
    switch (segments.length) {
      case 2 -> resource = Resource.CHANNELS;
      case 3 -> resource = Resource.CHANNEL;
      case 4 -> {
        if (!segments[3].equals("channelLifetime")) {
          return Optional.empty();
        }
        resource = Resource.CHANNEL_LIFETIME;
      }
      default -> {
        return Optional.empty();
      }
    }
    String userId = decode(segments[0], "userId");
    if (userId.isEmpty() || userId.length() > MAX_USER_ID_LENGTH) {
      throw new BadPathException("userId");
    }
    String channelId = null;
    if (segments.length > 2) {
      channelId = decode(segments[2], "channelId");
      if (channelId.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(Route.management(resource, userId, channelId));
  }

  /**
   * {@code movies}, {@code movies/{movieId}}, {@code {userId}/subscriptions[/{subscriptionId}]}. A
   * first segment {@code movies} always means the movies collection.
   */
  private static Optional<Route> movies(String rest) throws BadPathException {
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] segments = rest.split("/", -1);
    if (segments[0].equals("movies")) {
      if (segments.length == 1) {
        return Optional.of(Route.management(Resource.MOVIES, null, null));
      }
      if (segments.length == 2 && !segments[1].isEmpty()) {
        return Optional.of(Route.management(Resource.MOVIE, null, decode(segments[1], "movieId")));
      }
      return Optional.empty();
    }
    if (segments.length < 2 || segments.length > 3 || !segments[1].equals("subscriptions")) {
      return Optional.empty();
    }
    String userId = decode(segments[0], "userId");
    if (userId.isEmpty() || userId.length() > MAX_USER_ID_LENGTH) {
      throw new BadPathException("userId");
    }
    if (segments.length == 2) {
      return Optional.of(Route.management(Resource.MOVIE_SUBSCRIPTIONS, userId, null));
    }
    return segments[2].isEmpty() ? Optional.empty()
        : Optional.of(Route.management(Resource.MOVIE_SUBSCRIPTION, userId, decode(segments[2], "subscriptionId")));
  }

  /** {@code /callbacks/{token}}, {@code /longpoll/{token}}, {@code /ws/{token}} (shapes in {@link PublicUrls}). */
  private static Optional<Route> capability(String path) {
    Resource resource;
    String token;
    if (path.startsWith(PublicUrls.CALLBACK_PATH)) {
      resource = Resource.CALLBACK;
      token = path.substring(PublicUrls.CALLBACK_PATH.length());
    } else if (path.startsWith(PublicUrls.LONG_POLL_PATH)) {
      resource = Resource.LONG_POLL;
      token = path.substring(PublicUrls.LONG_POLL_PATH.length());
    } else if (path.startsWith(PublicUrls.WEBSOCKET_PATH)) {
      resource = Resource.WEBSOCKET;
      token = path.substring(PublicUrls.WEBSOCKET_PATH.length());
    } else {
      return Optional.empty();
    }
    // tokens are URL-safe base64: anything else names no channel
    if (token.isEmpty() || token.length() > 64 || !token.chars().allMatch(Router::isTokenChar)) {
      return Optional.empty();
    }
    return Optional.of(Route.capability(resource, token));
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  private static String decode(String segment, String part) throws BadPathException {
    try {
      return PathSegments.decode(segment);
    } catch (IllegalArgumentException e) {
      throw new BadPathException(part);
    }
  }
}
