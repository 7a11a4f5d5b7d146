package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.FunctionCounter;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.HeldLock;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.dispatch.NotificationLog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Movie notifications to this gateway's own channels that the full notification log refuses are counted. */
@Timeout(60)
class MovieNotifierTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dataDir;

  @Test
  void testSuccess_notificationsRefusedByAFullLogAreCountedAsDropped() throws Exception {
    int queueLimit = NotificationLog.MAX_BATCH; // the smallest --ingress-queue-limit: one full append fills it
    try (TestGateway gateway = TestGateway.start(dataDir, "--ingress-queue-limit", Integer.toString(queueLimit))) {
      String subscriber = callbackUrl(gateway, "movie-fan");
      HttpResponse<String> subscribed = gateway.postJson(gateway.baseUrl() + "/movies/v1/movie-fan/subscriptions",
          "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"" + subscriber
              + "\", \"callbackData\": \"fan\"}, \"movieId\": \"glass-harbor\"}}");
      assertEquals(201, subscribed.statusCode(), subscribed.body());
      String flooded = callbackUrl(gateway, "flooder");
      FunctionCounter dropped = gateway.component().gatewayMetrics().registry().get("pushgate.notifications.dropped")
          .tag("reason", "log_queue_full").functionCounter();

      CompletableFuture<HttpResponse<String>> flood;
      try (HeldLock logTable = HeldLock.take(gateway, "LOCK TABLE notification IN SHARE MODE")) {
        // the writer waits on the lock with a full append in hand: the log's queue is full
        flood = CompletableFuture.supplyAsync(() -> gateway.postJson(flooded, notificationList(queueLimit)));
        NotificationLog log = gateway.component().notificationLog();
        Await.until(WAIT, "the log's queue full", () -> log.queued() == queueLimit);
        movePremiere(gateway, "2027-03-01");
        Await.until(WAIT, "the refused notification counted", () -> dropped.count() == 1);
      }
      assertEquals(204, flood.get(20, TimeUnit.SECONDS).statusCode());

      // with room in the log again the next change is stored, and nothing more is counted
      movePremiere(gateway, "2027-03-02");
      Await.until(WAIT, "the next change stored", () -> stored(gateway, subscriber) == 1);
      assertEquals(1, dropped.count());
    }
  }

  private static String callbackUrl(TestGateway gateway, String user) {
    HttpResponse<String> created = gateway.postJson(gateway.api() + "/" + user + "/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}");
    assertEquals(201, created.statusCode(), created.body());
    return Json.parse(created.body()).get("notificationChannel").get("callbackURL").asText();
  }

  private static String notificationList(int size) {
    StringBuilder list = new StringBuilder("{\"notificationList\": [");
    for (int n = 0; n < size; n++) {
      list.append(n > 0 ? "," : "").append("{\"a\": {}}");
    }
    return list.append("]}").toString();
  }

  private static void movePremiere(TestGateway gateway, String date) {
    HttpResponse<String> response = gateway.send("PATCH", gateway.baseUrl() + "/movies/v1/movies/glass-harbor",
        "{\"movie\": {\"premiereDate\": \"" + date + "\"}}", "Content-Type", "application/json");
    assertEquals(200, response.statusCode(), response.body());
  }

  /** Notifications stored for the channel behind {@code callbackUrl}. */
  private static int stored(TestGateway gateway, String callbackUrl) {
    return ((Number) gateway.component().database().dsl().fetchValue(
        "SELECT count(*) FROM notification n JOIN channel c USING (channel_id) WHERE c.callback_token = {0}",
        DSL.val(callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1)))).intValue();
  }
}
