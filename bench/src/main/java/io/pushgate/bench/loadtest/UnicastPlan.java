package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.BenchNotification;
import io.pushgate.bench.gateway.PushgateServer;
import java.time.Duration;

/**
 * What a unicast run does (million is a unicast run with another plan).
 *
 * @param workload the name in reports
 * @param channels channels, one WebSocket each
 * @param rate notifications per second, 0 = as fast as possible
 * @param batch notifications per ingress request
 * @param payloadBytes size of each notification
 * @param notifications notifications to send in all, 0 = until the duration ends
 * @param duration how long to send at most
 * @param warmup how long to send the same load first, unmeasured (zero: no warm-up)
 * @param requireAll the run fails unless all {@code notifications} were sent and delivered
 */
record UnicastPlan(String workload, int channels, double rate, int batch, int payloadBytes, long notifications,
    Duration duration, Duration warmup, boolean requireAll) {

  UnicastPlan {
    if (channels < 1 || rate < 0 || batch < 1 || batch > PushgateServer.MAX_BATCH || notifications < 0 || duration.isNegative()
        || duration.isZero() || warmup.isNegative()) {
      throw new IllegalArgumentException(
          "--channels must be at least 1, --rate at least 0, --batch 1.." + PushgateServer.MAX_BATCH
              + ", --duration positive");
    }
    if (requireAll && notifications < 1) {
      throw new IllegalArgumentException("--notifications must be at least 1");
    }
    if (payloadBytes < BenchNotification.minimumBytes()) {
      throw new IllegalArgumentException("--payload-bytes must be at least " + BenchNotification.minimumBytes()
          + " (the stamp itself)");
    }
  }
}
