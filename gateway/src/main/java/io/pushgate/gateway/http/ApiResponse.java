package io.pushgate.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pushgate.model.RequestError;
import io.pushgate.model.ServiceException;
import java.util.Map;

/**
 * What a resource answers, before encoding: a status, an optional body (a model record or a
 * {@link RequestError}) and extra headers. Encoded in the format the client negotiated.
 */
record ApiResponse(HttpResponseStatus status, Object body, Map<CharSequence, String> headers) {
  ApiResponse {
    requireNonNull(status, "status");
    headers = Map.copyOf(headers);
  }

  static ApiResponse ok(Object body) {
    return new ApiResponse(HttpResponseStatus.OK, body, Map.of());
  }

  /** 200 with a {@code Location}: an existing resource returned for a repeated create. */
  static ApiResponse ok(Object body, String location) {
    return new ApiResponse(HttpResponseStatus.OK, body, Map.of(HttpHeaderNames.LOCATION, location));
  }

  static ApiResponse created(Object body, String location) {
    return new ApiResponse(HttpResponseStatus.CREATED, body, Map.of(HttpHeaderNames.LOCATION, location));
  }

  static ApiResponse noContent() {
    return new ApiResponse(HttpResponseStatus.NO_CONTENT, null, Map.of());
  }

  /** A spec error with the status the spec gives its code. */
  static ApiResponse error(RequestError error) {
    return new ApiResponse(ErrorStatus.of(error), error, Map.of());
  }

  /** A spec error with an explicit status (404, 405, 406, 413, 415, 503). */
  static ApiResponse error(HttpResponseStatus status, RequestError error) {
    return new ApiResponse(status, error, Map.of());
  }

  /** 404 naming the path variable that matched nothing, e.g. {@code channelId}. */
  static ApiResponse notFound(String part) {
    return error(HttpResponseStatus.NOT_FOUND, ServiceException.invalidInput(part));
  }

  static ApiResponse methodNotAllowed(Resource resource) {
    return new ApiResponse(HttpResponseStatus.METHOD_NOT_ALLOWED,
        ServiceException.serviceError("method not allowed; allowed: " + resource.allowHeader()),
        Map.of(HttpHeaderNames.ALLOW, resource.allowHeader()));
  }
}
