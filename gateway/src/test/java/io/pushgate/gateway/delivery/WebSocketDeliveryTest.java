package io.pushgate.gateway.delivery;

import static io.pushgate.gateway.delivery.Channels.numbers;
import static io.pushgate.gateway.delivery.Channels.post;
import static io.pushgate.gateway.delivery.Channels.resumePoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.delivery.Channels.Created;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WebSocket delivery over real sockets, against a gateway on the embedded PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class WebSocketDeliveryTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--keep-alive-interval", "60000");



  /** Reads frames until {@code count} notifications arrived; checks each frame's size bound. */
  private static List<Integer> receive(WsClient ws, int count, int maxPerFrame) {
    List<Integer> received = new ArrayList<>();
    while (received.size() < count) {
      String frame = ws.next(WAIT);
      List<Integer> batch = numbers(frame);
      assertTrue(batch.size() >= 1 && batch.size() <= maxPerFrame, "frame of " + batch.size() + ": " + frame);
      received.addAll(batch);
    }
    return received;
  }

  @Test
  void testSuccess_oneThenFiveHundredInOrderAndBatched() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      assertEquals(WsClient.SUBPROTOCOL, ws.subprotocol());
      post(gateway, channel, 0);
      String first = ws.next(WAIT);
      assertEquals(List.of(0), numbers(first));
      assertEquals(1, resumePoint(first));
      // the payload is delivered byte for byte
      assertTrue(first.contains(Channels.movie(0)), first);

      // 500 POSTs from 8 enablers at once, then the client must see each exactly once; per enabler in order
      List<CompletableFuture<Void>> senders = new ArrayList<>();
      for (int s = 0; s < 8; s++) {
        int sender = s;
        senders.add(CompletableFuture.runAsync(() -> {
          for (int n = 1 + sender; n <= 500; n += 8) {
            post(gateway, channel, n);
          }
        }));
      }
      senders.forEach(CompletableFuture::join);
      List<Integer> received = receive(ws, 500, 10);
      assertEquals(IntStream.rangeClosed(1, 500).boxed().toList(), received.stream().sorted().toList());
      for (int s = 0; s < 8; s++) {
        int sender = s;
        List<Integer> fromSender = received.stream().filter(n -> (n - 1) % 8 == sender).toList();
        assertEquals(fromSender.stream().sorted().toList(), fromSender, "order of enabler " + s);
      }
      // nothing more: a notification posted now is delivered after anything still on its way (one
      // channel's notifications arrive in sequence order), so it must be the whole next frame
      post(gateway, channel, 501);
      String marker = ws.next(WAIT);
      assertEquals(List.of(501), numbers(marker), "nothing more before the next notification");
      assertEquals(502, resumePoint(marker));
    }
  }

  @Test
  void testSuccess_aListFromOneEnablerArrivesInOrderInFullFrames() {
    Created channel = Channels.create(gateway, "WebSockets", 25);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      Channels.postList(gateway, channel, 0, 100);
      List<Integer> received = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      while (received.size() < 100) {
        List<Integer> batch = numbers(ws.next(WAIT));
        sizes.add(batch.size());
        received.addAll(batch);
      }
      assertEquals(IntStream.range(0, 100).boxed().toList(), received);
      assertTrue(sizes.stream().allMatch(size -> size <= 25), sizes.toString());
      assertTrue(sizes.size() < 100, "batched into fewer frames than notifications: " + sizes);
    }
  }

  @Test
  void testSuccess_notificationsWaitForTheConnectionAndReplayInOrder() {
    Created channel = Channels.create(gateway, "WebSockets", 5);
    Channels.postList(gateway, channel, 0, 12);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      assertEquals(IntStream.range(0, 12).boxed().toList(), receive(ws, 12, 5));
    }
  }

  @Test
  void testSuccess_resumeAfterADisconnectGetsExactlyWhatWasMissed() {
    Created channel = Channels.create(gateway, "WebSockets", 3);
    long resume;
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      Channels.postList(gateway, channel, 0, 6);
      String frame1 = ws.next(WAIT);
      String frame2 = ws.next(WAIT);
      assertEquals(List.of(0, 1, 2, 3, 4, 5), concat(numbers(frame1), numbers(frame2)));
      resume = resumePoint(frame2);
      assertEquals(6, resume);
      ws.abort(); // vanishes without a closing handshake
    }
    Channels.postList(gateway, channel, 6, 10);
    try (WsClient ws = WsClient.connect(channel.channelUrl() + "?resumePoint=" + resume)) {
      assertEquals(List.of(6, 7, 8, 9), receive(ws, 4, 3));
      // a duplicate of the replay would come before the next notification (sequence order)
      post(gateway, channel, 10);
      assertEquals(List.of(10), numbers(ws.next(WAIT)), "no duplicate before the next notification");
    }
    // a client that says nothing on reconnect gets everything not yet confirmed (at-least-once)
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      assertEquals(List.of(6, 7, 8, 9, 10), receive(ws, 5, 3));
    }
  }

  @Test
  void testSuccess_aResumePointBeyondTheLogSkipsNothingThatComesLater() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    Channels.postList(gateway, channel, 0, 3);
    try (WsClient ws = WsClient.connect(channel.channelUrl() + "?resumePoint=999")) {
      Channels.awaitSubscribed(gateway, channel);
      Channels.post(gateway, channel, 3);
      String frame = ws.next(WAIT);
      assertEquals(List.of(3), numbers(frame), "999 confirmed the three stored, and nothing yet to come");
      assertEquals(4, resumePoint(frame));
    }
    assertEquals(400, assertThrows(WsClient.Refused.class,
        () -> WsClient.connect(channel.channelUrl() + "?resumePoint=soon")).status());
  }

  @Test
  void testFailure_tooManyNotificationsInOneRequest() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    StringBuilder body = new StringBuilder("{\"notificationList\": [");
    for (int n = 0; n <= io.pushgate.gateway.dispatch.NotificationLog.MAX_BATCH; n++) {
      body.append(n > 0 ? "," : "").append("{\"a\":{}}");
    }
    HttpResponse<String> response = gateway.postJson(channel.callbackUrl(), body.append("]}").toString());
    assertEquals(413, response.statusCode(), response.body());
  }

  @Test
  void testSuccess_ncAckConfirmsSoAPlainReconnectStartsAfterIt() throws Exception {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      Channels.postList(gateway, channel, 0, 4);
      long resume = resumePoint(ws.next(WAIT));
      ws.send("{\"ncAck\": {\"resumePoint\": \"" + resume + "\"}}");
      // an ack beyond what was delivered is refused and changes nothing
      ws.send("{\"ncAck\": {\"resumePoint\": \"999\"}}");
      JsonNode error = Json.parse(ws.next(WAIT)).get("requestError").get("serviceException");
      assertEquals("SVC0002", error.get("messageId").asText());
    }
    Channels.postList(gateway, channel, 4, 6);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      assertEquals(List.of(4, 5), receive(ws, 2, 10));
    }
  }

  @Test
  void testSuccess_connCheckAnsweredWithConnAckAndTheLifetime() {
    Created channel = Channels.create(gateway, "WebSockets", 10, "\"channelLifetime\": \"600\"");
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      // a new connection resets the lifetime to the default (spec I.3)
      Await.until(WAIT, "lifetime reset to the default", () -> Json.parse(gateway.get(channel.resourceUrl()).body())
          .get("notificationChannel").get("channelLifetime").asText().equals("3600"));
      ws.send("{\"connCheck\": null}");
      JsonNode ack = Json.parse(ws.next(WAIT)).get("connAck");
      assertEquals("3600", ack.get("channelLifetime").asText());
      ws.send("<nc:connCheck xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"/>");
      String xml = ws.next(WAIT);
      assertTrue(xml.contains("<nc:connAck") && xml.contains("<channelLifetime>3600</channelLifetime>"), xml);
      // garbage gets an error message, and the socket stays
      ws.send("{\"hello\": 1}");
      assertTrue(ws.next(WAIT).contains("\"requestError\""));
      ws.send("not even json");
      assertTrue(ws.next(WAIT).contains("\"SVC0001\""));
      post(gateway, channel, 7);
      assertEquals(List.of(7), numbers(ws.next(WAIT)));
    }
  }

  @Test
  void testSuccess_aSecondSocketSupersedesTheFirst() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    try (WsClient first = WsClient.connect(channel.channelUrl())) {
      try (WsClient second = WsClient.connect(channel.channelUrl())) {
        assertEquals(1000, first.closeCode(WAIT));
        post(gateway, channel, 1);
        assertEquals(List.of(1), numbers(second.next(WAIT)));
      }
    }
  }

  @Test
  void testSuccess_deleteWhileConnectedClosesWith1001() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      assertEquals(204, gateway.send("DELETE", channel.resourceUrl(), null).statusCode());
      assertEquals(1001, ws.closeCode(WAIT));
      assertEquals("channel deleted", ws.closeReason());
    }
    // and the channel's URLs are gone
    assertEquals(404, gateway.postJson(channel.callbackUrl(), Channels.movie(1)).statusCode());
    WsClient.Refused refused = assertThrows(WsClient.Refused.class,
        () -> WsClient.connect(channel.channelUrl()));
    assertEquals(404, refused.status());
  }

  @Test
  void testSuccess_expiryWhileConnectedClosesWith1001() {
    try (TestGateway quick = TestGateway.start(gateway.dataDir().resolve("expiry"), "--expiry-sweep-interval", "200")) {
      Created channel = Channels.create(quick, "WebSockets", 10, "\"channelLifetime\": \"1\"");
      try (WsClient ws = WsClient.connect(channel.channelUrl())) {
        // opening the socket resets the lifetime to the default; once it has, bring it back down to a second
        Await.until(WAIT, "lifetime reset", () -> Json.parse(quick.get(channel.resourceUrl()).body())
            .get("notificationChannel").get("channelLifetime").asText().equals("3600"));
        quick.putJson(channel.resourceUrl() + "/channelLifetime", "{\"notificationChannelLifetime\": {\"channelLifetime\": 1}}");
        assertEquals(1001, ws.closeCode(WAIT));
        assertEquals("channel expired", ws.closeReason());
      }
    }
  }

  @Test
  void testFailure_handshakeWithoutTheSubprotocolIsRefused() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    WsClient.Refused none = assertThrows(WsClient.Refused.class,
        () -> WsClient.connectWith(channel.channelUrl()));
    assertEquals(400, none.status());
    WsClient.Refused other = assertThrows(WsClient.Refused.class,
        () -> WsClient.connectWith(channel.channelUrl(), "chat"));
    assertEquals(400, other.status());
    // offered among others, it is chosen
    try (WsClient ws = WsClient.connectWith(channel.channelUrl(), "chat", WsClient.SUBPROTOCOL)) {
      assertEquals(WsClient.SUBPROTOCOL, ws.subprotocol());
    }
  }

  @Test
  void testFailure_unknownChannelOrWrongTypeIs404BeforeUpgrading() {
    WsClient.Refused unknown = assertThrows(WsClient.Refused.class,
        () -> WsClient.connect("ws://localhost:" + gateway.port() + "/ws/AAAAAAAAAAAAAAAAAAAAAAAA"));
    assertEquals(404, unknown.status());
    Created longPolling = Channels.create(gateway, "LongPolling", 10);
    String token = longPolling.channelUrl().substring(longPolling.channelUrl().lastIndexOf('/') + 1);
    WsClient.Refused wrongType = assertThrows(WsClient.Refused.class,
        () -> WsClient.connect("ws://localhost:" + gateway.port() + "/ws/" + token));
    assertEquals(404, wrongType.status());
    // a plain GET on a WebSocket URL
    Created channel = Channels.create(gateway, "WebSockets", 10);
    HttpResponse<String> plain = gateway.get(channel.channelUrl().replace("ws://", "http://"));
    assertEquals(400, plain.statusCode());
  }

  @Test
  void testSuccess_xmlNotificationsArriveAsXml() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      String xml = "<m:movieNotification xmlns:m=\"urn:example:movies\"><callbackData>x</callbackData></m:movieNotification>";
      HttpResponse<String> response = gateway.send("POST", channel.callbackUrl(), xml, "Content-Type", "application/xml");
      assertEquals(204, response.statusCode(), response.body());
      String frame = ws.next(WAIT);
      assertTrue(frame.startsWith("<?xml") && frame.contains("<nc:notificationList"), frame);
      assertTrue(frame.contains("<callbackData>x</callbackData>") && frame.contains("<ncResumePoint>1</ncResumePoint>"), frame);
    }
  }

  @Test
  void testFailure_badIngress() {
    Created channel = Channels.create(gateway, "WebSockets", 10);
    assertEquals(404, gateway.postJson(gateway.baseUrl() + "/callbacks/AAAAAAAAAAAAAAAAAAAAAAAA", Channels.movie(1)).statusCode());
    HttpResponse<String> bad = gateway.postJson(channel.callbackUrl(), "{\"movieNotification\": ");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("SVC0001"), bad.body());
    assertEquals(400, gateway.postJson(channel.callbackUrl(), "{\"x\": 5}").statusCode());
    assertEquals(415, gateway.send("POST", channel.callbackUrl(), "a=b", "Content-Type", "application/x-www-form-urlencoded").statusCode());
    assertEquals(405, gateway.get(channel.callbackUrl()).statusCode());
    // none of it was delivered
    try (WsClient ws = WsClient.connect(channel.channelUrl())) {
      post(gateway, channel, 42);
      assertEquals(List.of(42), numbers(ws.next(WAIT)));
    }
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
