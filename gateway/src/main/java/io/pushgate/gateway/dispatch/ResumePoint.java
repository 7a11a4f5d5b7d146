package io.pushgate.gateway.dispatch;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ?resumePoint=N} a client puts on its channelURL (WebSocket handshake or long poll) to
 * say it has everything up to sequence number N: our extension of the spec, see the README.
 */
public final class ResumePoint {
  public static final String PARAMETER = "resumePoint";

  private ResumePoint() {}

  /** The resume point of {@code uri}, empty when absent; IllegalArgumentException when not a number. */
  public static Optional<Long> fromQuery(String uri) {
    List<String> values = new QueryStringDecoder(uri).parameters().get(PARAMETER);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    String value = values.get(0);
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("resumePoint is not a sequence number");
    }
    return Optional.of(Long.parseLong(value));
  }
}
