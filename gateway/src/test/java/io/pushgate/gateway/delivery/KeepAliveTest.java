package io.pushgate.gateway.delivery;

import static io.pushgate.gateway.delivery.Channels.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.RawWebSocket;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.delivery.Channels.Created;
import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server-initiated keep-alive: ping and connCheck after silence; a connAck confirms; a dead peer is closed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class KeepAliveTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * Long enough that a live client is never taken for a dead one on a loaded machine: the server
   * closes only after two intervals with no frame at all, and the JDK client answers each ping with
   * a pong on its own, so closing it would need a pong delayed by a whole interval.
   */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--keep-alive-interval",
      Long.toString(KEEP_ALIVE.toMillis()));

  /**
   * The next message whose root is {@code root}, skipping the server's periodic connChecks (one may
   * come before anything else when delivery is slower than an interval).
   */
  private static String nextMessageWithRoot(WsClient ws, String root) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      String message = ws.next(left);
      if (Json.parse(message).has(root)) {
        return message;
      }
    }
  }

  private static JsonNode nextWithRoot(WsClient ws, String root) {
    return Json.parse(nextMessageWithRoot(ws, root)).get(root);
  }

  /** The numbers carried by the next notificationList. */
  private static List<Integer> nextNumbers(WsClient ws) {
    return numbers(nextMessageWithRoot(ws, "notificationList"));
  }

  @Test
  void testSuccess_connAckToTheServersConnCheckConfirmsWhatCameBefore() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      Channels.postList(gateway, channel, 0, 3);
      assertEquals(List.of(0, 1, 2), nextNumbers(ws));
      // silence from the client: the server asks, announcing its interval and the lifetime it offers;
      // this connCheck comes after the notifications on the socket, so it was written after them
      JsonNode check = nextWithRoot(ws, "connCheck");
      assertEquals(Long.toString(KEEP_ALIVE.toSeconds()), check.get("checkInterval").asText());
      assertEquals("3600", check.get("newChannelLifetime").asText());
      ws.send("{\"connAck\": null}");
      // messages are handled in order: once this connCheck is answered, the connAck above was taken
      ws.send("{\"connCheck\": null}");
      assertEquals("3600", nextWithRoot(ws, "connAck").get("channelLifetime").asText());
    }
    Channels.post(gateway, channel, 3);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      assertEquals(List.of(3), nextNumbers(ws), "only what was not confirmed");
    }
  }

  @Test
  void testSuccess_aPeerThatNeverAnswersIsClosed() throws Exception {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    try (RawWebSocket silent = RawWebSocket.connect(channel.channelUrl(), 0)) {
      // it gets a ping and a connCheck, answers nothing, and after another interval is closed: the
      // order of the frames shows it, whatever the time between them
      boolean pinged = false;
      boolean checked = false;
      RawWebSocket.Frame frame;
      while ((frame = silent.read()).opcode() != 8) {
        pinged |= frame.opcode() == 9;
        checked |= frame.opcode() == 1 && Json.parse(frame.text()).has("connCheck");
      }
      assertTrue(pinged, "pinged before being closed");
      assertTrue(checked, "sent a connCheck before being closed");
      int code = ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
      assertEquals(1001, code);
      assertThrows(EOFException.class, silent::read);
    }
  }
}
