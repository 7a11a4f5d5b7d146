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
    new OptionRules()
        .require(channels >= 1, "--channels", channels, "must be at least 1")
        .require(rate >= 0, "--rate", rate, "must be at least 0")
        .require(batch >= 1 && batch <= PushgateServer.MAX_BATCH, "--batch", batch,
            "must be 1.." + PushgateServer.MAX_BATCH + " (what the gateway takes in one POST)")
        .require(requireAll ? notifications >= 1 : notifications >= 0, "--notifications", notifications,
            requireAll ? "must be at least 1" : "must be at least 0")
        .require(!duration.isNegative() && !duration.isZero(), "--duration", duration, "must be positive")
        .require(!warmup.isNegative(), "--warmup", warmup, "must not be negative")
        .require(payloadBytes >= BenchNotification.minimumBytes(), "--payload-bytes", payloadBytes,
            "must be at least " + BenchNotification.minimumBytes() + " (the stamp itself)")
        .check();
  }
}
