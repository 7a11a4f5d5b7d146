package io.pushgate.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.pushgate.model.MediaFormat;

/**
 * A response body already encoded, in its own format: a notification list whose notifications are in
 * the format their enabler posted (spec §6: the subscription decides the format, not {@code Accept}).
 * The buffer is handed to the response, which releases it.
 */
record EncodedBody(MediaFormat format, ByteBuf content) {
  EncodedBody {
    requireNonNull(format, "format");
    requireNonNull(content, "content");
  }
}
