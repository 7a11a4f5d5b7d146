package io.pushgate.bench.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads a server message from a channel's WebSocket with Jackson's streaming parser, reporting only
 * what the harness measures: each notification's stamp (or its movie's premiereDate), the
 * {@code ncResumePoint}, a {@code connCheck}. Everything else is skipped without building a tree, so
 * the receiving side stays cheap next to the gateway it shares the machine with. Thread-safe.
 */
public final class FrameParser {
  private final JsonFactory json = new JsonFactory();

  /**
   * Parses {@code frame[offset, offset + length)}.
   *
   * @throws IOException when the message is not JSON of the expected shape
   */
  public void parse(byte[] frame, int offset, int length, FrameListener listener) throws IOException {
    try (JsonParser p = json.createParser(frame, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a server message must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "notificationList" -> {
            if (value == JsonToken.START_ARRAY) {
              while (p.nextToken() == JsonToken.START_OBJECT) {
                notification(p, listener);
              }
            } else {
              p.skipChildren();
            }
          }
          case "ncResumePoint" -> listener.resumePoint(Long.parseLong(p.getValueAsString()));
          case "connCheck" -> {
            p.skipChildren();
            listener.connCheck();
          }
          default -> {
            p.skipChildren();
            listener.other(name);
          }
        }
      }
    } catch (NumberFormatException e) {
      throw new IOException("a number that is not one: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a message that is one notification document, {@code {"<root>": {...}}}, as a server that
   * relays published bodies verbatim sends it (Nchan): the same stamp reading as for a list element.
   *
   * @throws IOException when the message is not a JSON object
   */
  public void parseNotification(byte[] message, int offset, int length, FrameListener listener) throws IOException {
    try (JsonParser p = json.createParser(message, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a notification must be a JSON object");
      }
      notification(p, listener);
      if (p.nextToken() != null) {
        throw new IOException("more than one JSON value in a message");
      }
    } catch (NumberFormatException e) {
      throw new IOException("a number that is not one: " + e.getMessage(), e);
    }
  }

  /** At the START_OBJECT of a list element: {"<root>": {...}}. */
  private static void notification(JsonParser p, FrameListener listener) throws IOException {
    boolean recognised = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        recognised |= body(p, listener);
      } else {
        p.skipChildren();
      }
    }
    if (!recognised) {
      listener.unrecognised();
    }
  }

  /** At the START_OBJECT of a notification's body; true when it held a stamp or a movie. */
  private static boolean body(JsonParser p, FrameListener listener) throws IOException {
    boolean recognised = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_OBJECT && name.equals(BenchNotification.STAMP)) {
        recognised |= stamp(p, listener);
      } else if (value == JsonToken.START_OBJECT && name.equals("movie")) {
        recognised |= movie(p, listener);
      } else {
        p.skipChildren();
      }
    }
    return recognised;
  }

  private static boolean stamp(JsonParser p, FrameListener listener) throws IOException {
    long channel = -1;
    long seq = -1;
    long sent = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "c" -> channel = p.getValueAsLong(-1);
        case "s" -> seq = p.getValueAsLong(-1);
        case "t" -> sent = p.getValueAsLong(-1);
        default -> p.skipChildren();
      }
    }
    if (channel < 0 || seq < 0 || sent < 0) {
      return false;
    }
    listener.stamped(channel, seq, sent);
    return true;
  }

  private static boolean movie(JsonParser p, FrameListener listener) throws IOException {
    String premiereDate = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("premiereDate")) {
        premiereDate = p.getValueAsString();
      } else {
        p.skipChildren();
      }
    }
    if (premiereDate == null) {
      return false;
    }
    listener.movie(premiereDate);
    return true;
  }
}
