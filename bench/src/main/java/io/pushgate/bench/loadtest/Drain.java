package io.pushgate.bench.loadtest;

import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.DeliveryLedger;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waiting, after sending, for what is still on its way. */
final class Drain {
  private Drain() {}

  /** Waits until the ledger expects nothing more, or the timeout; true when it expects nothing. */
  static boolean await(DeliveryLedger ledger, Duration timeout) {
    long deadline = BenchClock.nanos() + timeout.toNanos();
    while (ledger.outstanding() > 0) {
      if (BenchClock.nanos() > deadline) {
        return false;
      }
      LockSupport.parkNanos(1_000_000); // the counts are sums over threads: poll them, finely
    }
    return true;
  }
}
