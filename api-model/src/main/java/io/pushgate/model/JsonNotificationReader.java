package io.pushgate.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an enabler's JSON notification POST without building a tree: a streaming pass validates
 * the syntax and notes byte offsets, and every notification's body is a verbatim slice of the
 * input. Accepted shapes: {@code {"x":{...}}}, {@code {"notificationList":[{"x":{...}}, ...]}},
 * {@code {"notificationList":{"x":{...}, "y":[{...}, {...}]}}} and {@code {"notificationList":null}}.
 */
final class JsonNotificationReader {
  private final JsonFactory factory;

  JsonNotificationReader(JsonFactory factory) {
    this.factory = factory;
  }

  NotificationList read(byte[] body) throws InvalidBodyException {
    JsonTreeParser.requireUtf8(body);
    try (JsonParser parser = factory.createParser(body)) {
      try {
        return new NotificationList(document(parser, body));
      } catch (InvalidBodyException e) {
        // Finish the syntax check first: a malformed body is SVC0001 whatever else is wrong with it.
        while (parser.nextToken() != null) {
          parser.skipChildren();
        }
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      // a RuntimeException from the parser on hostile bytes must still become a 400
      throw InvalidBodyException.malformed(MediaFormat.JSON, e);
    }
  }

  private static List<RawNotification> document(JsonParser p, byte[] body) throws IOException, InvalidBodyException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw InvalidBodyException.malformed(MediaFormat.JSON, null); // empty body
    }
    if (first != JsonToken.START_OBJECT) {
      throw shape();
    }
    int start = start(p);
    if (p.nextToken() != JsonToken.FIELD_NAME) {
      throw shape();
    }
    String name = p.currentName();
    JsonToken value = p.nextToken();
    List<RawNotification> notifications;
    if (Names.NOTIFICATION_LIST.equals(name)) {
      if (value == JsonToken.VALUE_NULL) {
        notifications = List.of();
      } else if (value == JsonToken.START_ARRAY) {
        notifications = arrayForm(p, body);
      } else if (value == JsonToken.START_OBJECT) {
        notifications = objectForm(p, body);
      } else {
        throw shape();
      }
      if (p.nextToken() != JsonToken.END_OBJECT) {
        throw shape();
      }
    } else {
      if (value != JsonToken.START_OBJECT) {
        throw shape();
      }
      p.skipChildren();
      if (p.nextToken() != JsonToken.END_OBJECT) {
        throw shape();
      }
      notifications = List.of(new RawNotification(name, MediaFormat.JSON, Arrays.copyOfRange(body, start, end(p))));
    }
    if (p.nextToken() != null) {
      throw InvalidBodyException.malformed(MediaFormat.JSON, null); // a second document
    }
    return notifications;
  }

  /** {@code [{"x":{...}}, ...]}: each element is already a single-root document. */
  private static List<RawNotification> arrayForm(JsonParser p, byte[] body) throws IOException, InvalidBodyException {
    List<RawNotification> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw shape();
      }
      int start = start(p);
      if (p.nextToken() != JsonToken.FIELD_NAME) {
        throw shape();
      }
      String name = p.currentName();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw shape();
      }
      p.skipChildren();
      if (p.nextToken() != JsonToken.END_OBJECT) {
        throw shape();
      }
      out.add(new RawNotification(name, MediaFormat.JSON, Arrays.copyOfRange(body, start, end(p))));
    }
    return out;
  }

  /**
   * {@code {"x":{...}, "y":[{...}, {...}]}}: each member (or each array element, for the rule-4
   * rendering of repeated types) becomes {@code {"x":{...}}} by wrapping the verbatim slice from the
   * name's opening quote in braces.
   */
  private static List<RawNotification> objectForm(JsonParser p, byte[] body) throws IOException, InvalidBodyException {
    List<RawNotification> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int nameStart = start(p);
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_OBJECT) {
        p.skipChildren();
        out.add(new RawNotification(name, MediaFormat.JSON, wrap(body, nameStart, end(p), -1, -1)));
      } else if (value == JsonToken.START_ARRAY) {
        int nameEnd = start(p); // the name, its colon and blanks are reused for every element
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t != JsonToken.START_OBJECT) {
            throw shape();
          }
          int itemStart = start(p);
          p.skipChildren();
          out.add(new RawNotification(name, MediaFormat.JSON, wrap(body, nameStart, nameEnd, itemStart, end(p))));
        }
      } else {
        throw shape();
      }
    }
    return out; // the loop ends on the list object's END_OBJECT
  }

  /** {@code '{' + body[from, to) + body[from2, to2) + '}'}; the second range is optional (-1). */
  private static byte[] wrap(byte[] body, int from, int to, int from2, int to2) {
    int first = to - from;
    int second = from2 < 0 ? 0 : to2 - from2;
    byte[] out = new byte[first + second + 2];
    out[0] = '{';
    System.arraycopy(body, from, out, 1, first);
    if (second > 0) {
      System.arraycopy(body, from2, out, 1 + first, second);
    }
    out[out.length - 1] = '}';
    return out;
  }

  /** Offset of the current token's first byte (for a name: its opening quote). */
  private static int start(JsonParser p) {
    return (int) p.currentTokenLocation().getByteOffset();
  }

  /** Offset just past the current token, e.g. past an object's closing brace. */
  private static int end(JsonParser p) {
    return (int) p.currentLocation().getByteOffset();
  }

  private static InvalidBodyException shape() {
    return InvalidBodyException.invalidPart(Names.NOTIFICATION_LIST);
  }
}
