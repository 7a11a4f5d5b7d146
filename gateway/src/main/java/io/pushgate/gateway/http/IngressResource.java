package io.pushgate.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.model.Codec;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NotificationList;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A channel's callbackURL: enablers POST one notification or a {@code notificationList}, JSON or XML.
 * The payloads stay opaque bytes. The answer, 204, comes only once they are committed to the log.
 */
@Singleton
final class IngressResource {
  private static final Set<MediaFormat> FORMATS = EnumSet.of(MediaFormat.JSON, MediaFormat.XML);

  private final LiveChannels channels;
  private final NotificationLog notificationLog;
  private final Codec codec;

  @Inject
  IngressResource(LiveChannels channels, NotificationLog notificationLog, Codec codec) {
    this.channels = channels;
    this.notificationLog = notificationLog;
    this.codec = codec;
  }

  CompletableFuture<ApiResponse> post(String callbackToken, RequestBody body) throws InvalidBodyException {
    NotificationList list = body.read(codec, NotificationList.class, FORMATS);
    if (list.notifications().size() > NotificationLog.MAX_BATCH) {
      return CompletableFuture.completedFuture(ApiResponse.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          ServiceException.serviceError("more than " + NotificationLog.MAX_BATCH + " notifications in one request")));
    }
    return channels.byCallbackToken(callbackToken).thenCompose(found -> found
        .map(channel -> notificationLog.append(channel, list.notifications()).thenApply(done -> ApiResponse.noContent()))
        .orElseGet(() -> CompletableFuture.completedFuture(
            ApiResponse.error(HttpResponseStatus.NOT_FOUND, ServiceException.invalidInput("callbackURL")))));
  }
}
