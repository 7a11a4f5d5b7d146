package io.pushgate.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link NotificationList} by concatenating the notifications' bytes into one exactly
 * sized array (the delivery hot path: no parsing, no re-serialisation). JSON is always the array
 * form {@code {"notificationList":[...]}}, also for one notification; empty is
 * {@code {"notificationList":null}}.
 */
final class NotificationListWriter {
  private static final byte[] JSON_OPEN = ascii("{\"notificationList\":[");
  private static final byte[] JSON_COMMA = ascii(",");
  private static final byte[] JSON_CLOSE = ascii("]}");
  private static final byte[] JSON_EMPTY = ascii("{\"notificationList\":null}");
  private static final String XML_START =
      new String(XmlSupport.DECLARATION, StandardCharsets.US_ASCII) + "<nc:notificationList xmlns:nc=\"" + Names.NC + "\"";
  private static final byte[] XML_OPEN = ascii(XML_START + ">");
  private static final byte[] XML_CLOSE = ascii("</nc:notificationList>");
  private static final byte[] XML_EMPTY = ascii(XML_START + "/>");

  private NotificationListWriter() {}

  static byte[] write(NotificationList list, MediaFormat format) {
    List<RawNotification> items = list.notifications();
    for (RawNotification n : items) {
      if (n.format() != format) {
        throw new IllegalArgumentException(n.format() + " notification " + n.rootName() + " in a " + format + " list");
      }
    }
    if (format == MediaFormat.JSON) {
      return items.isEmpty() ? JSON_EMPTY.clone() : json(items);
    }
    if (format == MediaFormat.XML) {
      return items.isEmpty() ? XML_EMPTY.clone() : xml(items);
    }
    throw new IllegalArgumentException("cannot write " + format);
  }

  private static byte[] json(List<RawNotification> items) {
    int size = JSON_OPEN.length + JSON_CLOSE.length + items.size() - 1;
    for (RawNotification n : items) {
      size += n.body().length;
    }
    byte[] out = new byte[size];
    int at = put(JSON_OPEN, 0, JSON_OPEN.length, out, 0);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        at = put(JSON_COMMA, 0, 1, out, at);
      }
      byte[] body = items.get(i).body();
      at = put(body, 0, body.length, out, at);
    }
    put(JSON_CLOSE, 0, JSON_CLOSE.length, out, at);
    return out;
  }

  private static byte[] xml(List<RawNotification> items) {
    int size = XML_OPEN.length + XML_CLOSE.length;
    for (RawNotification n : items) {
      size += n.body().length - contentStart(n.body());
    }
    byte[] out = new byte[size];
    int at = put(XML_OPEN, 0, XML_OPEN.length, out, 0);
    for (RawNotification n : items) {
      byte[] body = n.body();
      int from = contentStart(body);
      at = put(body, from, body.length - from, out, at);
    }
    put(XML_CLOSE, 0, XML_CLOSE.length, out, at);
    return out;
  }

  /** Where an XML body's element starts: past a UTF-8 byte order mark and an XML declaration. */
  static int contentStart(byte[] body) {
    int i = 0;
    if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
      i = 3;
    }
    // "<?xml" followed by blank is the declaration; "<?xml-stylesheet" is an ordinary PI
    if (body.length >= i + 6 && body[i] == '<' && body[i + 1] == '?' && body[i + 2] == 'x'
        && body[i + 3] == 'm' && body[i + 4] == 'l' && isBlank(body[i + 5])) {
      for (int j = i + 6; j + 1 < body.length; j++) {
        if (body[j] == '?' && body[j + 1] == '>') {
          return j + 2;
        }
      }
    }
    return i;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static int put(byte[] src, int from, int length, byte[] dst, int at) {
    System.arraycopy(src, from, dst, at, length);
    return at + length;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
