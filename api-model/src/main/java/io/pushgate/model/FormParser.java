package io.pushgate.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads application/x-www-form-urlencoded bodies (spec Appendix C): UTF-8, HTML form escaping,
 * {@code +} is a space. A malformed %-escape or bad UTF-8 is SVC0001; a repeated field the reader
 * uses is SVC0002 naming it; unknown fields are ignored; an empty value counts as absent, as HTML
 * forms submit empty inputs.
 */
final class FormParser {
  private static final Set<String> CHANNEL_FIELDS = Set.of(
      "clientCorrelator", "applicationTag", "channelType", "maxNotifications", "channelLifetime",
      "appId", "maxWaitTime");

  private FormParser() {}

  /**
   * A channel from the flat C.1 fields; {@code maxNotifications}, {@code appId} and (our addition)
   * {@code maxWaitTime} go into the channelData variant implied by the channel type, which is null
   * when none of that variant's fields was given.
   */
  static NotificationChannel channel(byte[] body) throws InvalidBodyException {
    Map<String, String> f = fields(body, CHANNEL_FIELDS);
    ChannelType type = ModelReader.channelType(f.get("channelType"), "");
    Integer maxNotifications = Fields.count(f.get("maxNotifications"), "", "maxNotifications");
    Integer channelLifetime = Fields.count(f.get("channelLifetime"), "", "channelLifetime");
    Integer maxWaitTime = Fields.count(f.get("maxWaitTime"), "", "maxWaitTime");
    String appId = f.get("appId");
    ChannelData data;
    switch (type) {
      case LongPolling:
        data = maxNotifications == null && maxWaitTime == null
            ? null : new LongPollingData(null, maxNotifications, maxWaitTime);
        break;
      case WebSockets:
        data = maxNotifications == null ? null : new WebSocketsData(null, maxNotifications);
        break;
      case OMAPush:
        data = maxNotifications == null && appId == null ? null : new OMAPushData(appId, maxNotifications, null);
        break;
      case NativeChannel:
        data = maxNotifications == null ? null : new NativeChannelData(null, null, null, maxNotifications, null);
        break;
      default:
        throw new IllegalStateException("unhandled channel type " + type);
    }
    return new NotificationChannel(
        f.get("clientCorrelator"), f.get("applicationTag"), type, data, channelLifetime, null, null);
  }

  /**
   * Decodes the body; only the fields named in {@code kept} are returned, and only those must not
   * repeat. Syntax is checked for every field.
   */
  static Map<String, String> fields(byte[] body, Set<String> kept) throws InvalidBodyException {
    Map<String, String> fields = new HashMap<>();
    int start = 0;
    while (start <= body.length) {
      int end = indexOf(body, (byte) '&', start, body.length);
      if (end > start) {
        int eq = indexOf(body, (byte) '=', start, end);
        String name = decode(body, start, eq);
        String value = eq < end ? decode(body, eq + 1, end) : "";
        if (kept.contains(name)) {
          if (fields.containsKey(name)) {
            throw InvalidBodyException.invalidPart(name);
          }
          fields.put(name, value.isEmpty() ? null : value);
        }
      }
      start = end + 1;
    }
    return fields;
  }

  private static int indexOf(byte[] b, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return to;
  }

  private static String decode(byte[] b, int from, int to) throws InvalidBodyException {
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '+') {
        out[n++] = ' ';
      } else if (c == '%') {
        int hi = i + 2 < to ? Character.digit(b[i + 1], 16) : -1;
        int lo = hi >= 0 ? Character.digit(b[i + 2], 16) : -1;
        if (lo < 0) {
          throw InvalidBodyException.malformed(MediaFormat.FORM, null);
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else {
        out[n++] = c;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out, 0, n))
          .toString();
    } catch (CharacterCodingException e) {
      throw InvalidBodyException.malformed(MediaFormat.FORM, null);
    }
  }
}
