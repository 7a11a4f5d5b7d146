package io.pushgate.bench.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a message the gateway sent is valid UTF-8, as the spec's JSON must be. The harness checks
 * every message it reads, WebSocket frames and long-poll answers alike. Netty's WebSocket frame
 * validator did this for frames only, a byte at a time through a state machine: 9.4% of the
 * harness's CPU in a fan-out run (async-profiler), CPU the gateway under test shares. Nearly every
 * message is ASCII, so this scans for a byte with the high bit set and decodes strictly only from
 * there.
 */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    if (i == end) {
      return true;
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, i, end - i));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
