package io.pushgate.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pushgate.gateway.ServerBusyException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scrape queue is bounded: one scrape rendering, {@link MetricsScraper#QUEUED_SCRAPES} waiting, the next refused. */
class MetricsScraperTest {
  @Test
  void aScrapeBeyondTheQueueIsRefusedAndTheOthersAreAnswered() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // a gauge that holds the scraper's thread until released: the first scrape renders, the rest wait
    Gauge.builder("test.held", () -> {
      rendering.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 1;
    }).register(registry);
    MetricsScraper scraper = new MetricsScraper(registry);
    try {
      CompletableFuture<byte[]> first = scraper.scrape();
      assertTrue(rendering.await(10, TimeUnit.SECONDS), "the first scrape is rendering");
      List<CompletableFuture<byte[]>> waiting = new ArrayList<>();
      for (int i = 0; i < MetricsScraper.QUEUED_SCRAPES; i++) {
        waiting.add(scraper.scrape());
      }
      CompletableFuture<byte[]> refused = scraper.scrape();
      ExecutionException busy = assertThrows(ExecutionException.class,
          () -> refused.get(10, TimeUnit.SECONDS));
      assertInstanceOf(ServerBusyException.class, busy.getCause());

      release.countDown();
      assertTrue(new String(first.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).contains("test_held"));
      for (CompletableFuture<byte[]> scrape : waiting) {
        assertTrue(new String(scrape.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).contains("test_held"));
      }
    } finally {
      release.countDown();
      scraper.close();
    }
  }
}
