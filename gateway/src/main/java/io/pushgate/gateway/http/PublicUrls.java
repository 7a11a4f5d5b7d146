package io.pushgate.gateway.http;

import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.channel.Channel;
import io.pushgate.model.ChannelType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Every URL the gateway hands out, built from {@code --public-url}; the one place their shapes live.
 *
 * <ul>
 *   <li>resourceURL: {@code {public}/notificationchannel/v1/{userId}/channels/{channelId}}
 *   <li>callbackURL: {@code {public}/callbacks/{callbackToken}} (the enablers' capability)
 *   <li>channelURL, LongPolling: {@code {public}/longpoll/{channelToken}}
 *   <li>channelURL, WebSockets: {@code ws[s]://{host}/ws/{channelToken}} (the client's capability)
 *   <li>the sample enabler: {@code {public}/movies/v1/movies/{movieId}} and
 *       {@code {public}/movies/v1/{userId}/subscriptions/{subscriptionId}}
 * </ul>
 *
 * The capability URLs carry no user id or channel id, so knowing one reveals nothing else.
 */
@Singleton
public final class PublicUrls {
  static final String CALLBACK_PATH = "/callbacks/";
  static final String LONG_POLL_PATH = "/longpoll/";
  static final String WEBSOCKET_PATH = "/ws/";

  private final String publicUrl;
  private final String webSocketUrl;
  private final String apiBase;

  @Inject
  public PublicUrls(GatewayConfig config) {
    this.publicUrl = config.publicUrl().toString();
    // http → ws, https → wss: same host, port and base path
    this.webSocketUrl = "ws" + publicUrl.substring("http".length());
    this.apiBase = config.apiBaseUrl();
  }

  public String channelList(String userId) {
    return apiBase + "/" + PathSegments.encode(userId) + "/channels";
  }

  public String resource(String userId, String channelId) {
    return channelList(userId) + "/" + PathSegments.encode(channelId);
  }

  public String callback(Channel channel) {
    return publicUrl + CALLBACK_PATH + channel.callbackToken();
  }

  /** The token of {@code url} when it is one of this gateway's callbackURLs. */
  public Optional<String> callbackToken(String url) {
    String prefix = publicUrl + CALLBACK_PATH;
    if (!url.startsWith(prefix)) {
      return Optional.empty();
    }
    String token = url.substring(prefix.length());
    return token.isEmpty() || token.contains("/") || token.contains("?") ? Optional.empty() : Optional.of(token);
  }

  public String movies() {
    return publicUrl + Router.MOVIES_PREFIX + "movies";
  }

  public String movie(String movieId) {
    return movies() + "/" + PathSegments.encode(movieId);
  }

  public String subscriptions(String userId) {
    return publicUrl + Router.MOVIES_PREFIX + PathSegments.encode(userId) + "/subscriptions";
  }

  public String subscription(String userId, String subscriptionId) {
    return subscriptions(userId) + "/" + PathSegments.encode(subscriptionId);
  }

  /** The client's delivery endpoint; only LongPolling and WebSockets channels have one. */
  public String channel(Channel channel) {
    if (channel.channelType() == ChannelType.WebSockets) {
      return webSocketUrl + WEBSOCKET_PATH + channel.channelToken();
    }
    if (channel.channelType() == ChannelType.LongPolling) {
      return publicUrl + LONG_POLL_PATH + channel.channelToken();
    }
    throw new IllegalArgumentException("no channelURL for " + channel.channelType());
  }
}
