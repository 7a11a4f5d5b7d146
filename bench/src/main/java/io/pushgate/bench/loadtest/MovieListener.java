package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.FrameListener;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.DeliveryLedger;
import io.pushgate.bench.metrics.LoadMetrics;

/**
 * The receiving side of fanout, one per socket: a movie notification's premiereDate names the change
 * ({@link FanoutChanges}); the first copy of each change is booked in the ledger under that change's
 * number and its latency is measured from the PATCH.
 */
final class MovieListener implements FrameListener {
  private final int socket;
  private final FanoutChanges changes;
  private final DeliveryLedger ledger;
  private final LoadMetrics metrics;

  MovieListener(int socket, FanoutChanges changes, DeliveryLedger ledger, LoadMetrics metrics) {
    this.socket = socket;
    this.changes = changes;
    this.ledger = ledger;
    this.metrics = metrics;
  }

  @Override
  public void movie(String premiereDate) {
    int k = changes.indexOf(premiereDate);
    if (k < 0) {
      metrics.errors().add("unknown-change");
      ledger.received(-1, 0);
      return;
    }
    if (ledger.received(socket, k) == DeliveryLedger.Outcome.FIRST) {
      long now = BenchClock.nanos();
      metrics.deliveryLatency(now - changes.sentAt(k));
      changes.delivered(k, now);
    }
  }

  @Override
  public void stamped(long channel, long seq, long sentAtNanos) {
    unrecognised();
  }

  @Override
  public void unrecognised() {
    metrics.errors().add("not-a-movie-notification");
    ledger.received(-1, 0);
  }
}
