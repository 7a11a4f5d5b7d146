package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.FrameListener;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.DeliveryLedger;
import io.pushgate.bench.metrics.LoadMetrics;

/**
 * The receiving side of unicast and million, one per socket: books each stamped notification in the
 * ledger and records its latency (first copies only, so a duplicate does not count twice). A
 * notification stamped for another channel arrived on the wrong socket: unexpected.
 */
final class StampListener implements FrameListener {
  private final int socket;
  private final DeliveryLedger ledger;
  private final LoadMetrics metrics;

  StampListener(int socket, DeliveryLedger ledger, LoadMetrics metrics) {
    this.socket = socket;
    this.ledger = ledger;
    this.metrics = metrics;
  }

  @Override
  public void stamped(long channel, long seq, long sentAtNanos) {
    if (channel != socket) {
      metrics.errors().add("misrouted");
      ledger.received(-1, seq); // counted as unexpected
      return;
    }
    if (ledger.received(channel, seq) == DeliveryLedger.Outcome.FIRST) {
      metrics.deliveryLatency(BenchClock.nanos() - sentAtNanos);
    }
  }

  @Override
  public void movie(String premiereDate) {
    metrics.errors().add("unstamped");
    ledger.received(-1, 0);
  }

  @Override
  public void unrecognised() {
    metrics.errors().add("unstamped");
    ledger.received(-1, 0);
  }
}
