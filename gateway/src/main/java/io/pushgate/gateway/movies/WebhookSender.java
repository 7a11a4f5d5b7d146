package io.pushgate.gateway.movies;

import io.pushgate.model.MediaFormat;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs notifications to notifyURLs that are not this gateway's own, as a real enabler would: on its
 * own small thread pool, never on an event loop, retrying 5xx, 429 and connection failures with
 * exponential backoff ({@link #ATTEMPTS} attempts, {@link #FIRST_BACKOFF} doubling), giving up on
 * other 4xx. At most {@link #MAX_PENDING} deliveries are pending (in flight or waiting to retry);
 * beyond that a notification is dropped and counted.
 */
@Singleton
public final class WebhookSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  static final int ATTEMPTS = 5;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_PENDING = 10_000;

  private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon("pushgate-webhook"));
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("pushgate-webhook-retry"));
  private final HttpClient client = HttpClient.newBuilder().executor(executor).connectTimeout(TIMEOUT).build();
  private final int maxPending;
  private final Semaphore pending;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  @Inject
  WebhookSender() {
    this(MAX_PENDING);
  }

  /** With room for {@code maxPending} deliveries (tests fill a small one). */
  WebhookSender(int maxPending) {
    this.maxPending = maxPending;
    this.pending = new Semaphore(maxPending);
  }

  /** Sends {@code body} to {@code url}; returns at once. */
  public void send(String url, byte[] body, MediaFormat format) {
    if (!pending.tryAcquire()) {
      long droppedSoFar = dropped.incrementAndGet();
      if (droppedSoFar % 1_000 == 1) { // a full queue drops in floods: one line per thousand, the counter has them all
        log.warn("webhook queue full ({} pending): notification to {} dropped ({} dropped so far)", maxPending, url,
            droppedSoFar);
      }
      return;
    }
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Content-Type", format.mediaType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    } catch (IllegalArgumentException e) {
      pending.release();
      failed.incrementAndGet();
      log.warn("notifyURL {} is not a usable URL: {}", url, e.getMessage());
      return;
    }
    attempt(request, 1);
  }

  private void attempt(HttpRequest request, int attempt) {
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
      int status = response == null ? 0 : response.statusCode();
      if (failure == null && status / 100 == 2) {
        delivered.incrementAndGet();
        pending.release();
        return;
      }
      boolean retryable = failure != null || status >= 500 || status == 429;
      if (retryable && attempt < ATTEMPTS) {
        long delay = FIRST_BACKOFF.toMillis() << (attempt - 1);
        log.debug("notification to {} failed ({}), retry {} in {} ms", request.uri(),
            failure != null ? failure.toString() : status, attempt, delay);
        retries.schedule(() -> attempt(request, attempt + 1), delay, TimeUnit.MILLISECONDS);
        return;
      }
      failed.incrementAndGet();
      pending.release();
      log.warn("notification to {} given up after {} attempt(s): {}", request.uri(), attempt,
          failure != null ? failure.toString() : "HTTP " + status);
    });
  }

  public long delivered() {
    return delivered.get();
  }

  public long failed() {
    return failed.get();
  }

  public int pending() {
    return maxPending - pending.availablePermits();
  }

  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    retries.shutdownNow();
    executor.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong counter = new AtomicLong();
    return task -> {
      Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
