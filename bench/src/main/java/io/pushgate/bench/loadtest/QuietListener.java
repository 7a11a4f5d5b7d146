package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.FrameListener;
import io.pushgate.bench.metrics.LoadMetrics;

/** The listener of an idle socket: nothing should arrive, and whatever does is counted as an error. */
final class QuietListener implements FrameListener {
  private final LoadMetrics metrics;

  QuietListener(LoadMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void stamped(long channel, long seq, long sentAtNanos) {
    metrics.errors().add("idle-notification");
  }

  @Override
  public void movie(String premiereDate) {
    metrics.errors().add("idle-notification");
  }

  @Override
  public void unrecognised() {
    metrics.errors().add("idle-notification");
  }

  @Override
  public void resumePoint(long resumePoint) {}

  @Override
  public void connCheck() {}

  @Override
  public void other(String root) {}
}
