package io.pushgate.gateway.delivery;

import static io.pushgate.gateway.delivery.Channels.numbers;
import static io.pushgate.gateway.delivery.Channels.post;
import static io.pushgate.gateway.delivery.Channels.resumePoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
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

/** Long polling (spec §5) over real sockets. The poll timeout is short so the timeout case is quick. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class LongPollingDeliveryTest {
  static final String POLL_BODY = "{\"longPollingRequestParameters\": null}";

  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--long-poll-timeout", "1500");



  private HttpResponse<String> poll(String url) {
    return gateway.postJson(url, POLL_BODY);
  }

  private CompletableFuture<HttpResponse<String>> pollAsync(String url) {
    return CompletableFuture.supplyAsync(() -> poll(url));
  }

  @Test
  void testSuccess_pendingNotificationsAnsweredAtOnceUpToMaxNotifications() {
    Created channel = Channels.create(gateway, "LongPolling", 3);
    Channels.postList(gateway, channel, 0, 7);
    List<Integer> received = new ArrayList<>();
    long last = 0;
    while (received.size() < 7) {
      HttpResponse<String> response = poll(channel.channelUrl());
      assertEquals(200, response.statusCode(), response.body());
      List<Integer> batch = numbers(response.body());
      assertTrue(batch.size() <= 3, response.body());
      received.addAll(batch);
      long resume = resumePoint(response.body());
      assertTrue(resume > last);
      last = resume;
    }
    assertEquals(IntStream.range(0, 7).boxed().toList(), received);
  }

  @Test
  void testSuccess_parkedPollAnsweredWhenANotificationArrives() {
    Created channel = Channels.create(gateway, "LongPolling", 10);
    CompletableFuture<HttpResponse<String>> parked = pollAsync(channel.channelUrl());
    Channels.awaitSubscribed(gateway, channel);
    post(gateway, channel, 5);
    HttpResponse<String> response = parked.join();
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(List.of(5), numbers(response.body()));
  }

  @Test
  void testSuccess_timeoutAnswersAnEmptyList() {
    Created channel = Channels.create(gateway, "LongPolling", 10);
    long started = System.nanoTime();
    HttpResponse<String> response = poll(channel.channelUrl());
    assertEquals(200, response.statusCode());
    assertEquals("{\"notificationList\":null}", response.body());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000, "waited for the timeout");
    HttpResponse<String> xml = gateway.send("POST", channel.channelUrl(),
        "<nc:longPollingRequestParameters xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"/>",
        "Content-Type", "application/xml", "Accept", "application/xml");
    assertEquals(200, xml.statusCode());
    assertTrue(xml.body().contains("<nc:notificationList") && xml.body().endsWith("/>"), xml.body());
    // the spec's form body, misspelling included, and no body at all
    HttpResponse<String> form = gateway.send("POST", channel.channelUrl(), "longPollingRequestParmeters=",
        "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(200, form.statusCode());
    assertEquals(200, gateway.send("POST", channel.channelUrl(), null).statusCode());
  }

  @Test
  void testSuccess_aSecondPollGetsTheOlderOneSvc1012() {
    Created channel = Channels.create(gateway, "LongPolling", 10);
    CompletableFuture<HttpResponse<String>> older = pollAsync(channel.channelUrl());
    Channels.awaitSubscribed(gateway, channel);
    CompletableFuture<HttpResponse<String>> newer = pollAsync(channel.channelUrl());
    HttpResponse<String> superseded = older.join();
    assertEquals(409, superseded.statusCode(), superseded.body());
    assertEquals("SVC1012",
        Json.parse(superseded.body()).get("requestError").get("serviceException").get("messageId").asText());
    // the newer poll proceeds: it gets the next notification
    Channels.awaitSubscribed(gateway, channel);
    post(gateway, channel, 9);
    HttpResponse<String> answer = newer.join();
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(List.of(9), numbers(answer.body()));
  }

  @Test
  void testSuccess_deletedChannelAnswersTheParkedPoll404() throws Exception {
    Created channel = Channels.create(gateway, "LongPolling", 10);
    try (TestGateway slow = TestGateway.start(gateway.dataDir().resolve("slow"), "--long-poll-timeout", "20000")) {
      Created slowChannel = Channels.create(slow, "LongPolling", 10);
      CompletableFuture<HttpResponse<String>> parked = CompletableFuture.supplyAsync(
          () -> slow.postJson(slowChannel.channelUrl(), POLL_BODY));
      Channels.awaitSubscribed(slow, slowChannel);
      assertEquals(204, slow.send("DELETE", slowChannel.resourceUrl(), null).statusCode());
      HttpResponse<String> answer = parked.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(404, answer.statusCode(), answer.body());
      assertEquals(404, slow.postJson(slowChannel.channelUrl(), POLL_BODY).statusCode());
    }
    assertEquals(204, gateway.send("DELETE", channel.resourceUrl(), null).statusCode());
  }

  @Test
  void testSuccess_pollsRefreshTheLifetime() {
    Created channel = Channels.create(gateway, "LongPolling", 10, "\"channelLifetime\": \"600\"");
    java.util.function.IntSupplier remaining = () -> Json.parse(gateway.get(channel.resourceUrl() + "/channelLifetime")
        .body()).get("notificationChannelLifetime").get("channelLifetime").asInt();
    // let the lifetime run down a few seconds, so a refresh shows
    io.pushgate.gateway.Await.until(Duration.ofSeconds(10), "lifetime below 597 s", () -> remaining.getAsInt() < 597);
    post(gateway, channel, 1);
    long polledAt = System.nanoTime();
    poll(channel.channelUrl());
    // the poll reset it to 600 s from then; with 600 s to go it may reach the database some seconds
    // later (README: Bounds), so what remains plus the time since the poll is what shows the reset:
    // at most 596 without one, at least 598 with one
    io.pushgate.gateway.Await.until(Duration.ofSeconds(10), "lifetime reset to 600 s at the poll",
        () -> remaining.getAsInt() + (System.nanoTime() - polledAt) / 1_000_000_000 >= 598);
  }

  @Test
  void testSuccess_resumePointRedeliversALostAnswer() {
    Created channel = Channels.create(gateway, "LongPolling", 2);
    Channels.postList(gateway, channel, 0, 4);
    HttpResponse<String> first = poll(channel.channelUrl());
    assertEquals(List.of(0, 1), numbers(first.body()));
    // suppose that answer never arrived: poll again saying where we really are
    HttpResponse<String> again = poll(channel.channelUrl() + "?resumePoint=0");
    assertEquals(List.of(0, 1), numbers(again.body()));
    HttpResponse<String> next = poll(channel.channelUrl() + "?resumePoint=" + resumePoint(again.body()));
    assertEquals(List.of(2, 3), numbers(next.body()));
    assertEquals(400, poll(channel.channelUrl() + "?resumePoint=abc").statusCode());
  }

  @Test
  void testFailure_unknownOrWrongChannel() {
    assertEquals(404, poll(gateway.baseUrl() + "/longpoll/AAAAAAAAAAAAAAAAAAAAAAAA").statusCode());
    Created ws = Channels.create(gateway, "WebSockets", 10);
    String token = ws.channelUrl().substring(ws.channelUrl().lastIndexOf('/') + 1);
    assertEquals(404, poll(gateway.baseUrl() + "/longpoll/" + token).statusCode());
    Created channel = Channels.create(gateway, "LongPolling", 10);
    assertEquals(405, gateway.get(channel.channelUrl()).statusCode());
    assertEquals(400, gateway.postJson(channel.channelUrl(), "{\"longPollingRequestParameters\": ").statusCode());
  }
}
