package io.pushgate.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses a JSON body into a Jackson tree; anything unparsable is SVC0001. */
final class JsonTreeParser {
  private final JsonFactory factory;
  private final ObjectMapper mapper;

  /**
   * @param factory carries the nesting and size limits
   * @param mapper must fail on duplicate keys, so an ambiguous body is rejected rather than guessed
   */
  JsonTreeParser(JsonFactory factory, ObjectMapper mapper) {
    this.factory = factory;
    this.mapper = mapper;
  }

  /** The whole document as a tree; never null. */
  JsonNode parse(byte[] body) throws InvalidBodyException {
    requireUtf8(body);
    try (JsonParser parser = factory.createParser(body)) {
      JsonNode tree = mapper.readTree(parser);
      if (tree == null || tree.isMissingNode()) {
        throw InvalidBodyException.malformed(MediaFormat.JSON, null); // empty body
      }
      if (parser.nextToken() != null) {
        throw InvalidBodyException.malformed(MediaFormat.JSON, null); // a second document
      }
      return tree;
    } catch (IOException | RuntimeException e) {
      // Jackson signals limits and syntax errors with IOExceptions; a RuntimeException from the
      // parser on hostile bytes must still become a 400, never escape read().
      throw InvalidBodyException.malformed(MediaFormat.JSON, e);
    }
  }

  /**
   * JSON bodies must be UTF-8 (RFC 8259 §8.1). Jackson would silently auto-detect UTF-16/32, which
   * would also break the byte offsets the notification reader slices by; a NUL byte or a UTF-16
   * byte order mark among the first bytes cannot start a UTF-8 JSON text.
   */
  static void requireUtf8(byte[] body) throws InvalidBodyException {
    if (body.length >= 2
        && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF) || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
      throw InvalidBodyException.malformed(MediaFormat.JSON, null);
    }
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        throw InvalidBodyException.malformed(MediaFormat.JSON, null);
      }
    }
  }
}
