package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pushgate.gateway.Await;
import io.pushgate.gateway.HeldLock;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.store.DatabaseBusyException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A movie change is admitted or refused (503) as a whole, before it commits: at most
 * {@code --movie-changes-in-progress} at a time (others wait a little for a turn), and only with
 * room in the notification log for all its subscribers' notifications; never made and then notified
 * in part.
 */
@Timeout(60)
class MovieChangeAdmissionTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String MOVIE = "glass-harbor";

  @TempDir
  Path dataDir;

  @Test
  void testFailure_aChangeTheFullLogCannotTakeIsRefusedAndNotMade() throws Exception {
    int queueLimit = NotificationLog.MAX_BATCH; // the smallest --ingress-queue-limit: one full append fills it
    try (TestGateway gateway = TestGateway.start(dataDir, "--ingress-queue-limit", Integer.toString(queueLimit))) {
      String subscriber = subscribe(gateway, "movie-fan");
      String flooded = callbackUrl(gateway, "flooder");
      String before = premiere(gateway);
      NotificationLog log = gateway.component().notificationLog();

      CompletableFuture<HttpResponse<String>> flood;
      try (HeldLock logTable = HeldLock.take(gateway, "LOCK TABLE notification IN SHARE MODE")) {
        // the writer waits on the lock with a full append in hand: the log's queue is full
        flood = CompletableFuture.supplyAsync(() -> gateway.postJson(flooded, notificationList(queueLimit)));
        Await.until(WAIT, "the log's queue full", () -> log.queued() == queueLimit);

        HttpResponse<String> refused = movePremiere(gateway, "2027-03-01");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        assertEquals(before, premiere(gateway), "a refused change is not made");
        assertEquals(queueLimit, log.queued(), "a refused change keeps no room");
      }
      assertEquals(204, flood.get(20, TimeUnit.SECONDS).statusCode());

      // with room in the log again the next change is made and stored
      assertEquals(200, movePremiere(gateway, "2027-03-02").statusCode());
      Await.until(WAIT, "the next change stored", () -> stored(gateway, subscriber) == 1);
      assertEquals("2027-03-02", premiere(gateway));
      Await.until(WAIT, "all room given back", () -> log.queued() == 0);
    }
  }

  @Test
  void testFailure_aChangeThatWaitsTooLongBehindThoseInProgressIsRefused() throws Exception {
    int inProgress = 1; // not the default 2: the options reach the movies service
    try (TestGateway gateway = TestGateway.start(dataDir, "--movie-changes-in-progress", Integer.toString(inProgress),
        "--movie-change-wait", "300")) {
      String subscriber = subscribe(gateway, "movie-fan");
      List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      try (HeldLock row = HeldLock.take(gateway, "SELECT 1 FROM movie WHERE movie_id = '" + MOVIE + "' FOR UPDATE")) {
        // these changes wait on the movie's row lock, in progress
        for (int n = 0; n < inProgress; n++) {
          String date = "2027-05-0" + (n + 1);
          held.add(CompletableFuture.supplyAsync(() -> movePremiere(gateway, date)));
        }
        Await.until(WAIT, "the changes waiting on the row lock", () -> waitingOnLocks(gateway) == held.size());

        // the next one waits its turn for --movie-change-wait, and the row lock outlasts it
        HttpResponse<String> refused = movePremiere(gateway, "2027-06-01");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
      }
      for (CompletableFuture<HttpResponse<String>> change : held) {
        assertEquals(200, change.get(20, TimeUnit.SECONDS).statusCode());
      }
      Await.until(WAIT, "the held changes stored", () -> stored(gateway, subscriber) == held.size());

      // once they are done, changes are admitted again
      assertEquals(200, movePremiere(gateway, "2027-06-02").statusCode());
      assertEquals("2027-06-02", premiere(gateway));
    }
  }

  @Test
  void testSuccess_roomReservedForAChannelThatIsGoneIsGivenBack() throws Exception {
    try (TestGateway gateway = TestGateway.start(dataDir)) {
      String kept = subscribe(gateway, "stays");
      String gone = subscribe(gateway, "leaves");
      HttpResponse<String> deleted = gateway.send("DELETE", channelResource(gateway, gone), null);
      assertEquals(204, deleted.statusCode(), deleted.body());

      assertEquals(200, movePremiere(gateway, "2027-04-01").statusCode());
      Await.until(WAIT, "the live channel's notification stored", () -> stored(gateway, kept) == 1);
      // the room of the deleted channel's notification must not stay taken
      NotificationLog log = gateway.component().notificationLog();
      Await.until(WAIT, "all room given back", () -> log.queued() == 0);
    }
  }

  @Test
  void testSuccess_reservationsStayWithinHalfTheQueueAndALargerOneOnlyIntoAnEmptyQueue() throws Exception {
    int queueLimit = NotificationLog.MAX_BATCH;
    int half = queueLimit / 2;
    try (TestGateway gateway = TestGateway.start(dataDir, "--ingress-queue-limit", Integer.toString(queueLimit))) {
      NotificationLog log = gateway.component().notificationLog();
      try (NotificationLog.Reservation huge = log.reserve(queueLimit + 1)) { // a movie with more subscribers than the limit
        assertEquals(queueLimit + 1, log.queued());
        assertThrows(DatabaseBusyException.class, () -> log.reserve(1));
        try (NotificationLog.Reservation none = log.reserve(0)) { // a change that notifies no channel here
          assertEquals(queueLimit + 1, log.queued());
        }
      }
      assertEquals(0, log.queued());

      try (NotificationLog.Reservation one = log.reserve(1)) {
        assertThrows(DatabaseBusyException.class, () -> log.reserve(half), "over half only into an empty queue");
        try (NotificationLog.Reservation rest = log.reserve(half - 1)) {
          assertEquals(half, log.queued());
          // the other half is the enablers': a POST still finds room while changes hold theirs
          String callbackUrl = callbackUrl(gateway, "enabler");
          assertEquals(204, gateway.postJson(callbackUrl, notificationList(half)).statusCode());
        }
      }
      Await.until(WAIT, "all room given back", () -> log.queued() == 0);
    }
  }

  /**
   * The database fails a committed change's first channel lookup: the change stays made, none of its
   * notifications is (the lookups after it would each have waited on the database too), and all its
   * room in the log goes back.
   */
  @Test
  void testFailure_aChannelLookupTheDatabaseFailsEndsTheChangesNotifications() throws Exception {
    int port = TestGateway.freePort();
    List<String> subscribers = new ArrayList<>();
    try (TestGateway gateway = TestGateway.start(dataDir, port)) {
      for (int n = 0; n < 3; n++) {
        subscribers.add(subscribe(gateway, "fan-" + n));
      }
    }
    // restarted, the gateway has none of the channels in memory: each is looked up in the database
    try (TestGateway gateway = TestGateway.start(dataDir, port)) {
      CompletableFuture<HttpResponse<String>> change;
      try (HeldLock table = HeldLock.take(gateway, "LOCK TABLE channel IN ACCESS EXCLUSIVE MODE")) {
        change = CompletableFuture.supplyAsync(() -> movePremiere(gateway, "2027-07-01"));
        Await.until(WAIT, "the change's first channel lookup waits for the table", () -> lookupsWaiting(gateway, false) == 1);
        assertEquals(1, lookupsWaiting(gateway, true), "the database ends that lookup");
      }
      HttpResponse<String> made = change.get(20, TimeUnit.SECONDS);
      assertEquals(200, made.statusCode(), made.body());
      assertEquals("2027-07-01", premiere(gateway));
      NotificationLog log = gateway.component().notificationLog();
      Await.until(WAIT, "all room given back", () -> log.queued() == 0);
      for (String subscriber : subscribers) {
        assertEquals(0, stored(gateway, subscriber), "no notification made after the failed lookup");
      }
    }
  }

  /** The gateway's channel lookups by callbackURL waiting for a lock; with {@code end}, ended by the database. */
  private static int lookupsWaiting(TestGateway gateway, boolean end) {
    // materialised first, so that the termination only ever sees the waiting lookups
    return ((Number) gateway.component().database().dsl().fetchValue("WITH waiting AS MATERIALIZED (SELECT pid "
        + "FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%callback_key%' "
        + "AND pid <> pg_backend_pid()) SELECT count(*)" + (end ? " FILTER (WHERE pg_terminate_backend(pid))" : "")
        + " FROM waiting")).intValue();
  }

  private static String subscribe(TestGateway gateway, String user) {
    String callbackUrl = callbackUrl(gateway, user);
    HttpResponse<String> subscribed = gateway.postJson(gateway.baseUrl() + "/movies/v1/" + user + "/subscriptions",
        "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"" + callbackUrl
            + "\", \"callbackData\": \"" + user + "\"}, \"movieId\": \"" + MOVIE + "\"}}");
    assertEquals(201, subscribed.statusCode(), subscribed.body());
    return callbackUrl;
  }

  private static String callbackUrl(TestGateway gateway, String user) {
    return channel(gateway, user).get("callbackURL").asText();
  }

  private static com.fasterxml.jackson.databind.JsonNode channel(TestGateway gateway, String user) {
    HttpResponse<String> created = gateway.postJson(gateway.api() + "/" + user + "/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}");
    assertEquals(201, created.statusCode(), created.body());
    return Json.parse(created.body()).get("notificationChannel");
  }

  /** The resourceURL of the channel behind {@code callbackUrl}. */
  private static String channelResource(TestGateway gateway, String callbackUrl) {
    Object[] row = gateway.component().database().dsl().fetchOne(
        "SELECT user_id, channel_id FROM channel WHERE callback_token = {0}", DSL.val(token(callbackUrl))).intoArray();
    return gateway.api() + "/" + row[0] + "/channels/" + row[1];
  }

  /** The gateway's statements waiting for a lock. */
  private static int waitingOnLocks(TestGateway gateway) {
    return ((Number) gateway.component().database().dsl().fetchValue(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).intValue();
  }

  private static String notificationList(int size) {
    StringBuilder list = new StringBuilder("{\"notificationList\": [");
    for (int n = 0; n < size; n++) {
      list.append(n > 0 ? "," : "").append("{\"a\": {}}");
    }
    return list.append("]}").toString();
  }

  private static HttpResponse<String> movePremiere(TestGateway gateway, String date) {
    return gateway.send("PATCH", gateway.baseUrl() + "/movies/v1/movies/" + MOVIE,
        "{\"movie\": {\"premiereDate\": \"" + date + "\"}}", "Content-Type", "application/json");
  }

  private static String premiere(TestGateway gateway) {
    HttpResponse<String> movie = gateway.get(gateway.baseUrl() + "/movies/v1/movies/" + MOVIE);
    assertEquals(200, movie.statusCode(), movie.body());
    return Json.parse(movie.body()).get("movie").get("premiereDate").asText();
  }

  /** Notifications stored for the channel behind {@code callbackUrl}. */
  private static int stored(TestGateway gateway, String callbackUrl) {
    return ((Number) gateway.component().database().dsl().fetchValue(
        "SELECT count(*) FROM notification n JOIN channel c USING (channel_id) WHERE c.callback_token = {0}",
        DSL.val(token(callbackUrl)))).intValue();
  }

  private static String token(String callbackUrl) {
    return callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
  }
}
