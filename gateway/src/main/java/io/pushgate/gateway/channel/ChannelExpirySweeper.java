package io.pushgate.gateway.channel;

import io.netty.util.concurrent.ScheduledFuture;
import io.pushgate.gateway.EventLoops;
import io.pushgate.gateway.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired channels every {@code --expiry-sweep-interval}. Reads already hide an expired channel
 * the moment it expires; the sweep only reclaims the rows. Runs on the database executor; a sweep
 * still running when the next is due is skipped, never stacked.
 */
@Singleton
public final class ChannelExpirySweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelExpirySweeper.class);
  /** Rows deleted per statement, so one sweep never holds a long lock on a large backlog. */
  static final int BATCH = 1_000;

  private final ChannelService channels;
  private final EventLoops loops;
  private final Duration interval;
  private final AtomicBoolean running = new AtomicBoolean();
  private ScheduledFuture<?> schedule;

  @Inject
  ChannelExpirySweeper(ChannelService channels, EventLoops loops, GatewayConfig config) {
    this.channels = channels;
    this.loops = loops;
    this.interval = config.expirySweepInterval();
  }

  public synchronized void start() {
    long millis = interval.toMillis();
    schedule = loops.group().next().scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    if (running.compareAndSet(false, true)) {
      sweepBatch();
    }
  }

  private void sweepBatch() {
    channels.deleteExpired(BATCH).whenComplete((expired, failure) -> {
      if (failure != null) {
        running.set(false);
        log.warn("expiry sweep failed: {}", failure.toString());
        return;
      }
      if (expired.size() == BATCH) {
        sweepBatch();
      } else {
        running.set(false);
      }
    });
  }

  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
  }
}
