package io.pushgate.gateway;

import io.pushgate.gateway.admin.MetricsScraper;
import io.pushgate.gateway.auth.TokenVerifier;
import io.pushgate.gateway.channel.ChannelExpirySweeper;
import io.pushgate.gateway.channel.ChannelService;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.LogTrimmer;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.metrics.MetricsBinder;
import io.pushgate.gateway.movies.WebhookSender;
import io.pushgate.gateway.store.Database;
import io.pushgate.gateway.store.DbExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway's lifecycle. Start: database, log writer, metrics, listeners, expiry sweep.
 * Stop ({@link #close()}, also from SIGTERM), each step logged and the whole bounded by
 * {@code --shutdown-timeout}: stop serving (readiness DOWN, new requests 503), stop accepting, close
 * WebSockets with 1001 and a reconnect hint and answer parked polls, commit every notification already
 * accepted, wait for the close frames to be written, close the event loops, write the last
 * confirmations and lifetime refreshes, then close the pool. Nothing an enabler was answered 2xx for
 * is lost.
 */
@Singleton
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Database database;
  private final DbExecutor db;
  private final CpuExecutor cpu;
  private final EventLoops loops;
  private final Listeners listeners;
  private final ChannelExpirySweeper sweeper;
  private final NotificationLog notificationLog;
  private final LogTrimmer trimmer;
  private final LiveChannels liveChannels;
  private final WebhookSender webhooks;
  private final MetricsBinder metrics;
  private final MetricsScraper scraper;
  private final TokenVerifier tokens;
  private final ServingState serving;
  private final ChannelService channels;
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean started;

  @Inject
  Gateway(GatewayConfig config, Database database, DbExecutor db, CpuExecutor cpu, EventLoops loops,
      Listeners listeners, ChannelExpirySweeper sweeper, NotificationLog notificationLog, LogTrimmer trimmer,
      LiveChannels liveChannels, WebhookSender webhooks, MetricsBinder metrics, MetricsScraper scraper,
      TokenVerifier tokens, ServingState serving, ChannelService channels) {
    this.channels = channels;
    this.tokens = tokens;
    this.config = config;
    this.database = database;
    this.db = db;
    this.cpu = cpu;
    this.loops = loops;
    this.listeners = listeners;
    this.sweeper = sweeper;
    this.notificationLog = notificationLog;
    this.trimmer = trimmer;
    this.liveChannels = liveChannels;
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.scraper = scraper;
    this.serving = serving;
  }

  /** Starts everything; on failure closes what was started and rethrows. */
  public synchronized void start() {
    log.info("pushgate {} starting: {}", VersionProvider.version(), config);
    try {
      tokens.start();
      database.start();
      notificationLog.start();
      metrics.bind();
      listeners.bind();
      sweeper.start();
      serving.set(true);
      started = true;
      log.info("pushgate ready: API at {}, metrics at http://{}:{}/metrics", config.apiBaseUrl(),
          Listeners.ADMIN_HOST, listeners.adminPort());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public synchronized int publicPort() {
    return listeners.publicPort();
  }

  public synchronized int adminPort() {
    return listeners.adminPort();
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    if (started) {
      log.info("pushgate stopping (at most {} ms)", config.shutdownTimeout().toMillis());
    }
    serving.set(false);
    sweeper.close();
    listeners.close();
    step("listeners closed: no new connections; requests on open ones get 503");
    CompletableFuture<Void> goodbyes = liveChannels.closeAll();
    webhooks.close();
    notificationLog.close(remaining(deadline));
    step("notification log flushed: everything accepted is committed");
    // stopping the loops closes every connection at once: a close frame still queued behind frames a
    // slow client has not read yet would be lost, and the client would see 1006 instead of 1001
    awaitGoodbyes(goodbyes, remaining(deadline));
    loops.close(remaining(deadline));
    cpu.close();
    scraper.close();
    // only now, with the connections gone, can no confirmation come: a slow reader's ncAck read while
    // its close frame waited would otherwise sit on a timer the loops cancelled, and come back after a restart
    trimmer.close();
    channels.flushLifetimes();
    step("confirmations and lifetime refreshes written");
    db.close();
    database.close();
    tokens.close();
    closed.countDown();
    if (started) {
      log.info("pushgate stopped");
    }
  }

  private void awaitGoodbyes(CompletableFuture<Void> goodbyes, Duration timeout) {
    try {
      goodbyes.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      step("WebSockets closed with 1001, parked polls answered 503");
    } catch (TimeoutException slowReaders) {
      step("WebSockets told 1001 and parked polls 503, but some clients had not read it all at the deadline");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a subscriber's close never fails", e);
    }
  }

  private void step(String what) {
    if (started) {
      log.info("shutdown: {}", what);
    }
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }
}
