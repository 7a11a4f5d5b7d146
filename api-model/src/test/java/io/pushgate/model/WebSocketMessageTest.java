package io.pushgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The messages a client sends over its WebSocket: connCheck, connAck, and our ncAck. */
class WebSocketMessageTest {
  private final Codec codec = Codec.create();

  private Object read(String text, MediaFormat format) throws InvalidBodyException {
    return codec.readWebSocketMessage(text.getBytes(StandardCharsets.UTF_8), format);
  }

  @Test
  void testEachRootInJsonAndXml() throws Exception {
    assertEquals(new ConnCheck(null, null), read("{\"connCheck\": null}", MediaFormat.JSON));
    assertEquals(new ConnCheck(30, null), read("{\"connCheck\": {\"checkInterval\": \"30\"}}", MediaFormat.JSON));
    assertEquals(new ConnAck(null), read("{\"connAck\": null}", MediaFormat.JSON));
    assertEquals(new NcAck(42L), read("{\"ncAck\": {\"resumePoint\": \"42\"}}", MediaFormat.JSON));
    assertEquals(new NcAck(9_000_000_000L), read("{\"ncAck\": {\"resumePoint\": 9000000000}}", MediaFormat.JSON));
    assertEquals(new ConnCheck(null, null),
        read("<nc:connCheck xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"/>", MediaFormat.XML));
    assertEquals(new NcAck(7L), read("<ncAck><resumePoint>7</resumePoint></ncAck>", MediaFormat.XML));
  }

  @Test
  void testFailure_otherRootsAndBadValues() {
    InvalidBodyException other = assertThrows(InvalidBodyException.class, () -> read("{\"hello\": 1}", MediaFormat.JSON));
    assertEquals("SVC0002", other.error().messageId());
    assertEquals("connCheck, connAck or ncAck", other.error().variables().get(0));
    for (String bad : new String[] {"\"-1\"", "\"x\"", "1.5", "\"99999999999999999999\""}) {
      InvalidBodyException e = assertThrows(InvalidBodyException.class,
          () -> read("{\"ncAck\": {\"resumePoint\": " + bad + "}}", MediaFormat.JSON));
      assertEquals("resumePoint", e.error().variables().get(0), bad);
    }
    assertEquals("SVC0001", assertThrows(InvalidBodyException.class, () -> read("{", MediaFormat.JSON)).error().messageId());
    assertEquals("SVC0002",
        assertThrows(InvalidBodyException.class, () -> read("{\"connCheck\": null, \"connAck\": null}", MediaFormat.JSON))
            .error().messageId());
  }
}
