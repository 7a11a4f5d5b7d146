package io.pushgate.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.pushgate.model.Codec;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;
import java.util.Set;

/**
 * A request body and its declared media type, copied off the Netty buffer so it outlives the
 * request. Decoding happens on the event loop: bodies are bounded by {@code --max-request-bytes}.
 */
record RequestBody(byte[] bytes, String contentType) {
  boolean isEmpty() {
    return bytes.length == 0;
  }

  /**
   * Reads the body as {@code type} in one of the {@code accepted} formats; an unsupported or missing
   * Content-Type is 415, a body that does not parse is 400 in the spec's format.
   */
  <T> T read(Codec codec, Class<T> type, Set<MediaFormat> accepted) throws InvalidBodyException {
    MediaFormat format = ContentNegotiation.requestFormat(contentType)
        .filter(accepted::contains)
        .orElseThrow(() -> new HttpStatusException(ApiResponse.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            ServiceException.serviceError("unsupported Content-Type " + (contentType == null ? "(none)" : contentType)
                + "; supported: " + supported(accepted)))));
    return codec.read(bytes, format, type);
  }

  private static String supported(Set<MediaFormat> accepted) {
    StringBuilder text = new StringBuilder();
    for (MediaFormat format : MediaFormat.values()) {
      if (accepted.contains(format)) {
        text.append(text.length() == 0 ? "" : ", ").append(format.mediaType());
      }
    }
    return text.toString();
  }
}
