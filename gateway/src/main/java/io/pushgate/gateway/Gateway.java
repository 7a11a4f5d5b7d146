package io.pushgate.gateway;

import io.pushgate.gateway.admin.Readiness;
import io.pushgate.gateway.channel.ChannelExpirySweeper;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.movies.WebhookSender;
import io.pushgate.gateway.store.Database;
import io.pushgate.gateway.store.DbExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway's lifecycle: start the database and the log writer, bind the listeners, start
 * the expiry sweep; close in the reverse order (sockets get 1001, queued notifications are committed
 * before the database goes). {@link #close()} is idempotent and safe from a shutdown hook.
 */
@Singleton
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Database database;
  private final DbExecutor db;
  private final EventLoops loops;
  private final Listeners listeners;
  private final ChannelExpirySweeper sweeper;
  private final NotificationLog notificationLog;
  private final LiveChannels liveChannels;
  private final WebhookSender webhooks;
  private final Readiness readiness;
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean started;

  @Inject
  Gateway(GatewayConfig config, Database database, DbExecutor db, EventLoops loops, Listeners listeners,
      ChannelExpirySweeper sweeper, NotificationLog notificationLog, LiveChannels liveChannels, WebhookSender webhooks, Readiness readiness) {
    this.config = config;
    this.database = database;
    this.db = db;
    this.loops = loops;
    this.listeners = listeners;
    this.sweeper = sweeper;
    this.notificationLog = notificationLog;
    this.liveChannels = liveChannels;
    this.webhooks = webhooks;
    this.readiness = readiness;
  }

  /** Starts everything; on failure closes what was started and rethrows. */
  public synchronized void start() {
    log.info("pushgate {} starting: {}", VersionProvider.version(), config);
    try {
      database.start();
      notificationLog.start();
      listeners.bind();
      sweeper.start();
      readiness.setServing(true);
      started = true;
      log.info("pushgate ready: API at {}", config.apiBaseUrl());
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
    if (started) {
      log.info("pushgate stopping");
    }
    readiness.setServing(false);
    sweeper.close();
    listeners.close();
    liveChannels.closeAll();
    webhooks.close();
    notificationLog.close(); // what was accepted is committed before the pool closes
    loops.close();
    db.close();
    database.close();
    closed.countDown();
    if (started) {
      log.info("pushgate stopped");
    }
  }
}
