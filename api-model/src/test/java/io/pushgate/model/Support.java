package io.pushgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shared helpers of the codec tests. */
final class Support {
  static final Codec CODEC = Codec.create();
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String VALID_TYPES = "LongPolling, OMAPush, WebSockets, NativeChannel";

  private Support() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(byte[] json) {
    return tree(text(json));
  }

  static <T> T read(String body, MediaFormat format, Class<T> type) throws InvalidBodyException {
    return CODEC.read(utf8(body), format, type);
  }

  static RequestError readFails(byte[] body, MediaFormat format, Class<?> type) {
    return assertThrows(InvalidBodyException.class, () -> CODEC.read(body, format, type)).error();
  }

  static RequestError readFails(String body, MediaFormat format, Class<?> type) {
    return readFails(utf8(body), format, type);
  }

  /** Asserts the exact error: code and variables. */
  static void assertError(RequestError error, String messageId, String... variables) {
    assertEquals(messageId, error.messageId(), () -> "error was " + error);
    assertEquals(List.of(variables), error.variables(), () -> "error was " + error);
  }

  static void assertInvalidPart(String body, MediaFormat format, Class<?> type, String part) {
    assertError(readFails(body, format, type), "SVC0002", part);
  }

  static void assertMalformed(byte[] body, MediaFormat format, Class<?> type) {
    String detail = format == MediaFormat.JSON ? "malformed JSON body"
        : format == MediaFormat.XML ? "malformed XML body" : "malformed form body";
    assertError(readFails(body, format, type), "SVC0001", detail);
  }

  static void assertMalformed(String body, MediaFormat format, Class<?> type) {
    assertMalformed(utf8(body), format, type);
  }

  static RawNotification json(String body) {
    return new RawNotification(body.substring(2, body.indexOf('"', 2)), MediaFormat.JSON, utf8(body));
  }
}
