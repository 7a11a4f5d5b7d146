package io.pushgate.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.pushgate.gateway.Await;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /metrics over real sockets: the counters move by exactly the traffic sent; the dashboard's names exist. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class MetricsTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--keep-alive-interval", "60000");


  @Test
  void testCountersMoveByExactlyTheTrafficSent() {
    HttpResponse<String> created = gateway.postJson(gateway.api() + "/metrics-user/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"channelData\": {\"maxNotifications\": 10}}}");
    JsonNode channel = Json.parse(created.body()).get("notificationChannel");
    String callback = channel.get("callbackURL").asText();
    Scrape before = Scrape.of(gateway);
    try (WsClient ws = WsClient.connect(channel.get("channelData").get("channelURL").asText())) {
      assertEquals(204, gateway.postJson(callback, "{\"notificationList\": [{\"a\": {}}, {\"a\": {}}, {\"a\": {}}]}").statusCode());
      assertEquals(204, gateway.postJson(callback, "{\"a\": {}}").statusCode());
      assertEquals(204, gateway.postJson(callback, "{\"notificationList\": [{\"a\": {}}, {\"a\": {}}, {\"a\": {}}]}").statusCode());
      assertEquals(400, gateway.postJson(callback, "{\"a\": ").statusCode());
      int received = 0;
      while (received < 7) {
        received += Json.parse(ws.next(WAIT)).get("notificationList").size();
      }
      Scrape after = Scrape.of(gateway);
      assertEquals(7, after.value("pushgate_notifications_accepted_total") - before.value("pushgate_notifications_accepted_total"));
      assertEquals(7, delta(before, after, "pushgate_notifications_delivered_total{transport=\"websocket\"}"));
      assertEquals(7, delta(before, after, "pushgate_frame_notifications_sum{transport=\"websocket\"}"));
      assertEquals(7, delta(before, after, "pushgate_delivery_latency_seconds_count"));
      assertEquals(3, delta(before, after, "pushgate_http_requests_seconds_count{route=\"CALLBACK\",status=\"2xx\"}"));
      assertEquals(1, delta(before, after, "pushgate_http_requests_seconds_count{route=\"CALLBACK\",status=\"4xx\"}"));
      assertEquals(1, delta(before, after, "pushgate_websocket_handshakes_total{outcome=\"accepted\"}"));
      assertEquals(1, after.value("pushgate_connections{transport=\"websocket\"}"));
      assertTrue(delta(before, after, "pushgate_log_commit_batch_count") >= 1, "at least one group commit");
      assertTrue(delta(before, after, "pushgate_log_commit_batch_count") <= 3, "never more commits than POSTs");
    }
    Await.until(WAIT, "the connection gauge falls back",
        () -> Scrape.of(gateway).value("pushgate_connections{transport=\"websocket\"}") == 0);
  }

  @Test
  void testEveryMetricOfTheDashboardExistsInARealScrape() throws IOException {
    // some traffic first, so that meters made on first use (per route) exist
    gateway.get(gateway.api() + "/dash/channels");
    Path dashboard = Path.of("..", "scripts", "ops", "grafana-dashboard.json");
    String json = Files.readString(dashboard);
    Set<String> names = new TreeSet<>();
    Matcher expr = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    while (expr.find()) {
      Matcher metric = Pattern.compile("\\b(pushgate_[a-z_]+|jvm_[a-z_]+|hikaricp_[a-z_]+|process_[a-z_]+|netty_[a-z_]+|system_[a-z_]+)")
          .matcher(expr.group(1));
      while (metric.find()) {
        names.add(metric.group(1));
      }
    }
    assertTrue(names.size() >= 10, "the dashboard uses our metrics: " + names);
    // GC pause meters appear with the first collection
    System.gc();
    Await.until(WAIT, "a GC recorded", () -> Scrape.of(gateway).has("jvm_gc_pause_seconds_sum"));
    Scrape scrape = Scrape.of(gateway);
    for (String name : names) {
      assertTrue(scrape.has(name), name + " is used by the dashboard but not in /metrics");
    }
  }

  @Test
  void testAllocatorMetricsDescribeTheAllocatorTheConnectionsUse() {
    // a connection without an ALLOCATOR option gets Netty's default (adaptive in 4.2, not the pooled one)
    String inUse = "allocator_type=\"" + ByteBufAllocator.DEFAULT.getClass().getSimpleName() + "\"";
    HttpResponse<String> created = gateway.postJson(gateway.api() + "/allocator-user/channels",
        "{\"notificationChannel\": {\"channelType\": \"LongPolling\"}}");
    String callback = Json.parse(created.body()).get("notificationChannel").get("callbackURL").asText();
    for (int i = 0; i < 20; i++) {
      assertEquals(204, gateway.postJson(callback, "{\"a\": {\"n\": " + i + "}}").statusCode());
    }
    Map<String, Double> used = Scrape.of(gateway).family("netty_allocator_memory_used");
    assertTrue(!used.isEmpty() && used.keySet().stream().allMatch(series -> series.contains(inUse)),
        "only the allocator in use is metered (" + inUse + "): " + used.keySet());
    assertTrue(used.values().stream().mapToDouble(Double::doubleValue).sum() > 0,
        "the allocator the traffic went through holds memory: " + used);
  }

  @Test
  void testScrapeReadsTheMetersOffTheEventLoops() {
    MeterRegistry registry = gateway.component().gatewayMetrics().registry();
    AtomicReference<Thread> readOn = new AtomicReference<>();
    Gauge probe = Gauge.builder("test.scrape.probe", readOn, thread -> {
      thread.set(Thread.currentThread());
      return 1;
    }).strongReference(true).register(registry);
    try {
      assertEquals(1, Scrape.of(gateway).value("test_scrape_probe"));
      for (EventExecutor loop : gateway.component().eventLoops().group()) {
        assertFalse(loop.inEventLoop(readOn.get()), "gauges read on event loop " + readOn.get().getName());
      }
    } finally {
      registry.remove(probe);
    }
  }

  @Test
  void testScrapesPilingUpBehindASlowOneAreAnswered503() throws Exception {
    MeterRegistry registry = gateway.component().gatewayMetrics().registry();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Gauge slow = Gauge.builder("test.scrape.slow", release, latch -> {
      reading.countDown();
      try {
        return latch.await(30, TimeUnit.SECONDS) ? 1 : 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }).strongReference(true).register(registry);
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest metrics = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.component().gateway().adminPort() + "/metrics")).build();
    List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
    try {
      scrapes.add(client.sendAsync(metrics, HttpResponse.BodyHandlers.ofString()));
      assertTrue(reading.await(10, TimeUnit.SECONDS), "the first scrape is reading the meters");
      // while it reads, more scrapes than may wait: the one too many is refused at once
      for (int i = 0; i < 8; i++) {
        scrapes.add(client.sendAsync(metrics, HttpResponse.BodyHandlers.ofString()));
      }
      Await.until(WAIT, "a scrape refused while the first one reads",
          () -> scrapes.stream().anyMatch(scrape -> scrape.isDone() && scrape.join().statusCode() == 503));
    } finally {
      release.countDown();
      registry.remove(slow);
    }
    List<Integer> statuses = scrapes.stream().map(scrape -> scrape.join().statusCode()).toList();
    assertEquals(200, statuses.get(0), statuses.toString());
    assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 503), statuses.toString());
    assertTrue(Scrape.of(gateway).has("pushgate_notifications_accepted_total"), "scrapes are served again");
  }

  private static double delta(Scrape before, Scrape after, String series) {
    return after.value(series) - before.value(series);
  }
}
