package io.pushgate.gateway.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.stream.Collectors;

/** The REST resources of the management API and the methods each allows (spec §6, digest §2.2). */
enum Resource {
  /** {@code {base}/{userId}/channels}. */
  CHANNELS(GET, POST),
  /** {@code {base}/{userId}/channels/{channelId}}. */
  CHANNEL(GET, DELETE),
  /** {@code {base}/{userId}/channels/{channelId}/channelLifetime}. */
  CHANNEL_LIFETIME(GET, PUT),
  /** A channel's callbackURL, where enablers POST notifications. */
  CALLBACK(POST),
  /** A LongPolling channel's channelURL. */
  LONG_POLL(POST),
  /** A WebSockets channel's channelURL: only the opening handshake. */
  WEBSOCKET(GET),
  /** The sample enabler: {@code /movies/v1/movies}. */
  MOVIES(GET, POST),
  /** {@code /movies/v1/movies/{movieId}}. */
  MOVIE(GET, PUT, PATCH, DELETE),
  /** {@code /movies/v1/{userId}/subscriptions}. */
  MOVIE_SUBSCRIPTIONS(GET, POST),
  /** {@code /movies/v1/{userId}/subscriptions/{subscriptionId}}. */
  MOVIE_SUBSCRIPTION(GET, DELETE);

  private final List<HttpMethod> allowed;
  private final String allowHeader;

  Resource(HttpMethod... allowed) {
    this.allowed = List.of(allowed);
    this.allowHeader = this.allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
  }

  boolean allows(HttpMethod method) {
    return allowed.contains(method);
  }

  /** The value of the {@code Allow} header of a 405 on this resource. */
  String allowHeader() {
    return allowHeader;
  }
}
