package io.pushgate.gateway.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pushgate.gateway.BoundedPool;
import io.pushgate.gateway.ServerBusyException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Renders the Prometheus scrape away from the event loops: some gauges walk every channel in memory
 * (the log backlog), which on a loop would stall every connection it serves. One thread, because
 * scrapes are rare and each one reads the whole registry anyway; a few may wait, and one more is
 * refused at once (the admin handler answers 503) rather than queued behind a slow scrape without
 * bound. Not the database executor: a busy database must not take the metrics that show it.
 */
@Singleton
public final class MetricsScraper implements AutoCloseable {
  /** Scrapes waiting behind the one being rendered; Prometheus scrapes one target at a time. */
  static final int QUEUED_SCRAPES = 4;

  private final PrometheusMeterRegistry prometheus;
  private final BoundedPool pool =
      new BoundedPool("pushgate-metrics", 1, QUEUED_SCRAPES, () -> new ServerBusyException("metrics scrape queue"));

  @Inject
  MetricsScraper(PrometheusMeterRegistry prometheus) {
    this.prometheus = prometheus;
  }

  /**
   * The Prometheus text of every meter, rendered on the scraper's thread; fails with
   * {@link ServerBusyException} when {@link #QUEUED_SCRAPES} are already waiting.
   */
  CompletableFuture<byte[]> scrape() {
    return pool.supply(this::render);
  }

  private byte[] render() {
    ByteArrayOutputStream text = new ByteArrayOutputStream(64 * 1024);
    try {
      prometheus.scrape(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return text.toByteArray();
  }

  @Override
  public void close() {
    pool.close(Duration.ZERO); // a scrape still waiting has no one left to answer
  }
}
