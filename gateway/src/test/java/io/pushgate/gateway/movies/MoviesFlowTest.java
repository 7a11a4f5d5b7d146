package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed app flow end to end: channel, WebSocket, subscription, a premiere moved, the notification. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class MoviesFlowTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--keep-alive-interval", "60000");


  /** A WebSockets channel: its callbackURL and an open socket. */
  private record Listener(String callbackUrl, WsClient socket) {}

  private Listener listen(String user) {
    HttpResponse<String> created = gateway.postJson(gateway.api() + "/" + user + "/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}");
    assertEquals(201, created.statusCode(), created.body());
    JsonNode channel = Json.parse(created.body()).get("notificationChannel");
    return new Listener(channel.get("callbackURL").asText(),
        WsClient.connect(channel.get("channelData").get("channelURL").asText()));
  }

  private String subscribe(String user, String notifyUrl, String callbackData, String movieId) {
    String filter = movieId == null ? "" : ", \"movieId\": \"" + movieId + "\"";
    HttpResponse<String> response = gateway.postJson(gateway.baseUrl() + "/movies/v1/" + user + "/subscriptions",
        "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"" + notifyUrl + "\", \"callbackData\": \""
            + callbackData + "\"}" + filter + "}}");
    assertEquals(201, response.statusCode(), response.body());
    return response.headers().firstValue("Location").orElseThrow();
  }

  private void movePremiere(String movieId, String date) {
    HttpResponse<String> response = gateway.send("PATCH", gateway.baseUrl() + "/movies/v1/movies/" + movieId,
        "{\"movie\": {\"premiereDate\": \"" + date + "\"}}", "Content-Type", "application/json");
    assertEquals(200, response.statusCode(), response.body());
  }

  /**
   * Proves that no notification is on its way to the listener's channel, without waiting for one:
   * the movies service queues a change's notifications on its subscribers' channels before it
   * answers the change (a channel with an open socket is known in memory, so at once), and a
   * channel delivers in the order notifications were queued; a marker posted to the callbackURL now
   * must therefore be the next thing the socket receives.
   */
  private void assertNothingPending(Listener listener, String marker) {
    HttpResponse<String> posted = gateway.postJson(listener.callbackUrl(), "{\"flowMarker\": {\"marker\": \"" + marker + "\"}}");
    assertEquals(204, posted.statusCode(), posted.body());
    JsonNode list = Json.parse(listener.socket().next(WAIT)).get("notificationList");
    assertEquals(1, list.size(), list.toString());
    assertEquals(marker, list.get(0).path("flowMarker").path("marker").asText(), "the next thing received: " + list);
  }

  private static JsonNode notification(WsClient socket) {
    JsonNode list = Json.parse(socket.next(WAIT)).get("notificationList");
    assertEquals(1, list.size(), list.toString());
    return list.get(0).get("movieNotification");
  }

  @Test
  void testSuccess_subscribeChangeNotify() {
    Listener alice = listen("alice");
    Listener bob = listen("bob");
    Listener carol = listen("carol");
    try (WsClient a = alice.socket(); WsClient b = bob.socket(); WsClient c = carol.socket()) {
      String aliceSub = subscribe("alice", alice.callbackUrl(), "alice-glass", "glass-harbor");
      subscribe("bob", bob.callbackUrl(), "bob-glass", "glass-harbor");
      subscribe("carol", carol.callbackUrl(), "carol-kites", "kite-season");

      movePremiere("glass-harbor", "2027-01-15");
      JsonNode forAlice = notification(a);
      assertEquals("alice-glass", forAlice.get("callbackData").asText());
      assertEquals("Updated", forAlice.get("changeType").asText());
      assertEquals("2027-01-15", forAlice.get("movie").get("premiereDate").asText());
      assertEquals("Glass Harbor", forAlice.get("movie").get("title").asText());
      assertEquals("MovieSubscription", forAlice.get("link").get("rel").asText());
      assertEquals(aliceSub, forAlice.get("link").get("href").asText());
      // two channels subscribed to the same movie both receive it
      assertEquals("bob-glass", notification(b).get("callbackData").asText());
      // a subscription filtered to another movie receives nothing
      assertNothingPending(carol, "after the first glass-harbor change");

      // a deleted subscription receives nothing more
      assertEquals(204, gateway.send("DELETE", aliceSub, null).statusCode());
      movePremiere("glass-harbor", "2027-02-01");
      assertEquals("2027-02-01", notification(b).get("movie").get("premiereDate").asText());
      assertNothingPending(alice, "after the change that followed the deletion");

      // carol's movie changes: only carol hears
      movePremiere("kite-season", "2027-07-09");
      assertEquals("carol-kites", notification(c).get("callbackData").asText());
      assertNothingPending(bob, "after kite-season changed");
    }
  }

  @Test
  void testSuccess_createAndDeleteAreNotifiedToUnfilteredSubscriptions() {
    Listener dave = listen("dave");
    try (WsClient socket = dave.socket()) {
      subscribe("dave", dave.callbackUrl(), "everything", null);
      HttpResponse<String> created = gateway.postJson(gateway.baseUrl() + "/movies/v1/movies",
          "{\"movie\": {\"movieId\": \"flow-test\", \"title\": \"Flow Test\", \"premiereDate\": \"2029-01-01\"}}");
      assertEquals(201, created.statusCode(), created.body());
      assertEquals("Created", notification(socket).get("changeType").asText());
      assertEquals(204, gateway.send("DELETE", gateway.baseUrl() + "/movies/v1/movies/flow-test", null).statusCode());
      JsonNode deleted = notification(socket);
      assertEquals("Deleted", deleted.get("changeType").asText());
      assertEquals("Flow Test", deleted.get("movie").get("title").asText());
      // a refused change notifies no one
      assertEquals(400, gateway.postJson(gateway.baseUrl() + "/movies/v1/movies",
          "{\"movie\": {\"movieId\": \"glass-harbor\", \"title\": \"Dup\", \"premiereDate\": \"2029-01-01\"}}").statusCode());
      assertEquals(404, gateway.send("PATCH", gateway.baseUrl() + "/movies/v1/movies/nope",
          "{\"movie\": {\"title\": \"x\"}}", "Content-Type", "application/json").statusCode());
      assertNothingPending(dave, "after the refused changes");
    }
  }

  @Test
  void testSuccess_webhookToAnotherServerIsRetriedAfter503() throws IOException {
    HttpServer enablerClient = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger calls = new AtomicInteger();
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> contentTypes = new CopyOnWriteArrayList<>();
    enablerClient.createContext("/notify", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      // the first attempt finds the server overloaded
      exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
      exchange.close();
    });
    enablerClient.start();
    try {
      String url = "http://127.0.0.1:" + enablerClient.getAddress().getPort() + "/notify";
      subscribe("erin", url, "erin-remote", "the-quiet-ledger");
      movePremiere("the-quiet-ledger", "2027-02-12");
      Await.until(WAIT, "delivered after a retry", () -> calls.get() >= 2);
      assertEquals(2, bodies.size());
      assertEquals(bodies.get(0), bodies.get(1), "the retry carries the same notification");
      JsonNode notification = Json.parse(bodies.get(1)).get("movieNotification");
      assertEquals("erin-remote", notification.get("callbackData").asText());
      assertEquals("2027-02-12", notification.get("movie").get("premiereDate").asText());
      assertEquals("application/json", contentTypes.get(1));
      Await.until(WAIT, "counted as delivered", () -> gateway.component().webhookSender().delivered() >= 1);
      assertTrue(calls.get() == 2, "no more attempts after success");
    } finally {
      enablerClient.stop(0);
    }
  }

  @Test
  void testSuccess_xmlSubscriptionGetsXmlNotifications() {
    Listener fay = listen("fay");
    try (WsClient socket = fay.socket()) {
      HttpResponse<String> response = gateway.postJson(gateway.baseUrl() + "/movies/v1/fay/subscriptions",
          "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"" + fay.callbackUrl()
              + "\", \"callbackData\": \"fay-xml\", \"notificationFormat\": \"XML\"}, \"movieId\": \"blue-hour\"}}");
      assertEquals(201, response.statusCode(), response.body());
      movePremiere("blue-hour", "2027-01-09");
      String frame = socket.next(WAIT);
      assertTrue(frame.startsWith("<?xml") && frame.contains("<movieNotification>")
          && frame.contains("<callbackData>fay-xml</callbackData>") && frame.contains("<premiereDate>2027-01-09</premiereDate>"),
          frame);
    }
  }
}
