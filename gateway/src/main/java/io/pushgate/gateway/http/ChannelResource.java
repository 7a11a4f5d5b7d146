package io.pushgate.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import io.pushgate.gateway.auth.Principal;
import io.pushgate.gateway.channel.ChannelService;
import io.pushgate.gateway.http.Router.Route;
import io.pushgate.model.Codec;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.NotificationChannelLifetime;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The channel-management resources (spec §6.1, §6.2, §6.4): reads the wire representation, calls
 * {@link ChannelService}, and renders its answer. Decides nothing itself.
 */
@Singleton
final class ChannelResource {
  /** Channel creation accepts form bodies (spec Appendix C.1). */
  private static final Set<MediaFormat> CREATE_FORMATS = EnumSet.allOf(MediaFormat.class);
  private static final Set<MediaFormat> LIFETIME_FORMATS = EnumSet.of(MediaFormat.JSON, MediaFormat.XML);

  private final ChannelService channels;
  private final ChannelRepresentation representation;
  private final PublicUrls urls;
  private final Codec codec;

  @Inject
  ChannelResource(ChannelService channels, ChannelRepresentation representation, PublicUrls urls, Codec codec) {
    this.channels = channels;
    this.representation = representation;
    this.urls = urls;
    this.codec = codec;
  }

  /** Answers an allowed method on a matched route; the router has already checked the method. */
  CompletableFuture<ApiResponse> handle(Route route, HttpMethod method, RequestBody body, Principal principal)
      throws InvalidBodyException {
    String user = route.userId();
    String id = route.id();
    return switch (route.resource()) {
      case CHANNELS -> method.equals(HttpMethod.GET) ? list(user) : create(user, body, principal);
      case CHANNEL -> method.equals(HttpMethod.GET) ? read(user, id) : delete(user, id);
      case CHANNEL_LIFETIME -> method.equals(HttpMethod.GET) ? readLifetime(user, id) : refreshLifetime(user, id, body);
      default -> throw new IllegalArgumentException("not a management resource: " + route.resource());
    };
  }

  private CompletableFuture<ApiResponse> list(String userId) {
    return channels.list(userId).thenApply(list -> ApiResponse.ok(representation.list(userId, list)));
  }

  private CompletableFuture<ApiResponse> create(String userId, RequestBody body, Principal principal)
      throws InvalidBodyException {
    if (body.isEmpty()) {
      return CompletableFuture.completedFuture(ApiResponse.error(ServiceException.invalidInput("notificationChannel")));
    }
    NotificationChannel request = body.read(codec, NotificationChannel.class, CREATE_FORMATS);
    if (request.channelType() != null) {
      AccessPolicy.requireChannelType(principal, request.channelType());
    }
    return channels.create(userId, request).thenApply(result -> {
      NotificationChannel created = representation.of(result.channel());
      // a repeat with the same clientCorrelator gets the existing channel, 200 rather than 201
      return result.created()
          ? ApiResponse.created(created, created.resourceURL())
          : ApiResponse.ok(created, created.resourceURL());
    });
  }

  private CompletableFuture<ApiResponse> read(String userId, String channelId) {
    return channels.find(userId, channelId).thenApply(found -> found
        .map(channel -> ApiResponse.ok(representation.of(channel)))
        .orElseGet(() -> ApiResponse.notFound("channelId")));
  }

  private CompletableFuture<ApiResponse> delete(String userId, String channelId) {
    return channels.delete(userId, channelId)
        .thenApply(deleted -> deleted ? ApiResponse.noContent() : ApiResponse.notFound("channelId"));
  }

  private CompletableFuture<ApiResponse> readLifetime(String userId, String channelId) {
    return channels.remainingLifetime(userId, channelId).thenApply(remaining -> remaining
        .map(seconds -> ApiResponse.ok(new NotificationChannelLifetime(seconds)))
        .orElseGet(() -> ApiResponse.notFound("channelId")));
  }

  private CompletableFuture<ApiResponse> refreshLifetime(String userId, String channelId, RequestBody body)
      throws InvalidBodyException {
    // the body may be omitted: the server's default lifetime applies (spec §5.2.2.14)
    Integer requested = body.isEmpty()
        ? null
        : body.read(codec, NotificationChannelLifetime.class, LIFETIME_FORMATS).channelLifetime();
    return channels.refreshLifetime(userId, channelId, requested).thenApply(granted -> granted
        .map(seconds -> ApiResponse.ok(new NotificationChannelLifetime(seconds)))
        .orElseGet(() -> ApiResponse.notFound("channelId")));
  }
}
