package io.pushgate.gateway.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.pushgate.model.Codec;
import io.pushgate.model.MediaFormat;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

/** Turns an {@link ApiResponse} into a complete HTTP response in the negotiated format. */
@Singleton
final class ResponseEncoder {
  private final Codec codec;

  @Inject
  ResponseEncoder(Codec codec) {
    this.codec = codec;
  }

  FullHttpResponse encode(ApiResponse response, MediaFormat format, ByteBufAllocator alloc) {
    FullHttpResponse http;
    if (response.body() == null) {
      http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), Unpooled.EMPTY_BUFFER);
    } else if (response.body() instanceof EncodedBody encoded) {
      http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), encoded.content());
      http.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType(encoded.format()));
    } else {
      byte[] body = codec.write(response.body(), format);
      http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
          alloc.buffer(body.length).writeBytes(body));
      http.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType(format));
    }
    HttpHeaders headers = http.headers();
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, http.content().readableBytes());
    // API answers are per-user state: never cached, never sniffed into something executable
    headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    headers.set("X-Content-Type-Options", "nosniff");
    for (Map.Entry<CharSequence, String> header : response.headers().entrySet()) {
      headers.set(header.getKey(), header.getValue());
    }
    return http;
  }

  private static String contentType(MediaFormat format) {
    return format == MediaFormat.XML ? "application/xml; charset=UTF-8" : format.mediaType();
  }
}
