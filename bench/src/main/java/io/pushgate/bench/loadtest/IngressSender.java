package io.pushgate.bench.loadtest;

import io.netty.handler.codec.http.HttpMethod;
import io.pushgate.bench.client.BenchNotification;
import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.HttpResult;
import io.pushgate.bench.gateway.ChannelInfo;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.DeliveryLedger;
import io.pushgate.bench.metrics.LoadMetrics;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The enabler of unicast and million: posts stamped notifications to the channels' callbackURLs,
 * channel after channel (round robin), {@code batch} per request, paced to {@code rate} per second or
 * as fast as the HTTP pool's slots allow.
 *
 * <p>Pacing and latency: request {@code k} is due at {@code start + k × batch / rate}. Its
 * notifications carry that due time, not the time they actually left, so when the gateway (or the
 * harness) falls behind, the wait is part of the measured latency rather than silently skipped.
 * Without a rate they carry the time they are built.
 *
 * <p>Answers: 2xx counts the notifications accepted. 503 (the gateway's ingress queue is full) is
 * counted and retried with the same slot after 10 ms, doubling to at most 1 s, up to
 * {@value #MAX_ATTEMPTS} attempts. Anything else, or a broken connection, marks the request's
 * notifications failed for good in the ledger.
 */
final class IngressSender {
  static final int MAX_ATTEMPTS = 30;

  private final HttpPool http;
  private final List<ChannelInfo> channels;
  private final DeliveryLedger ledger;
  private final LoadMetrics metrics;
  private final int batch;
  private final int payloadBytes;
  private final double rate;
  private final long limit;
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-retry");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param rate notifications per second; 0 = as fast as possible
   * @param limit notifications to send at most; 0 = no limit
   */
  IngressSender(HttpPool http, List<ChannelInfo> channels, DeliveryLedger ledger, LoadMetrics metrics, int batch,
      int payloadBytes, double rate, long limit) {
    this.http = http;
    this.channels = channels;
    this.ledger = ledger;
    this.metrics = metrics;
    this.batch = batch;
    this.payloadBytes = payloadBytes;
    this.rate = rate;
    this.limit = limit;
  }

  /**
   * When sending happened.
   *
   * @param firstNanos {@link BenchClock} time of the first request
   * @param lastNanos time the last request was written
   * @param requests requests sent (retries not counted)
   * @param notifications notifications issued
   * @param behindNanos how far behind schedule the last request left (0 without a rate)
   * @param allAnswered false when some request was still unanswered at the end of the wait
   */
  record Sent(long firstNanos, long lastNanos, long requests, long notifications, long behindNanos, boolean allAnswered) {}

  /** Sends for {@code durationNanos} or until the limit, then waits up to a minute for the last answers. */
  Sent run(long durationNanos) throws InterruptedException {
    long start = BenchClock.nanos();
    long end = start + durationNanos;
    double nanosPerRequest = rate > 0 ? 1e9 * batch / rate : 0;
    long issued = 0;
    long requests = 0;
    long behind = 0;
    long last = start;
    try {
      for (long k = 0; ; k++) {
        long due = start + (long) (k * nanosPerRequest);
        if (rate > 0) {
          for (long wait; (wait = due - BenchClock.nanos()) > 0; ) {
            LockSupport.parkNanos(wait);
          }
        }
        if (BenchClock.nanos() >= end || (limit > 0 && issued >= limit) || Thread.interrupted()) {
          break;
        }
        int count = (int) (limit > 0 ? Math.min(batch, limit - issued) : batch);
        int channel = (int) (k % channels.size());
        http.acquire();
        long stamp = rate > 0 ? due : BenchClock.nanos();
        long firstSeq = ledger.issue(channel);
        for (int i = 1; i < count; i++) {
          ledger.issue(channel); // numbers of one channel are taken by this thread only: consecutive
        }
        byte[] body = BenchNotification.body(channel, firstSeq, count, stamp, payloadBytes);
        post(new Post(channel, firstSeq, count, body), 1);
        issued += count;
        requests++;
        last = BenchClock.nanos();
        behind = rate > 0 ? Math.max(0, last - due) : 0;
      }
      boolean answered = http.awaitIdle(TimeUnit.MINUTES.toMillis(1));
      return new Sent(start, last, requests, issued, behind, answered);
    } finally {
      retries.shutdownNow();
    }
  }

  private record Post(int channel, long firstSeq, int count, byte[] body) {}

  /** Sends under a slot already held; releases it once the request is settled. */
  private void post(Post p, int attempt) {
    http.send(HttpMethod.POST, channels.get(p.channel()).callbackPath(), p.body(), null).whenComplete((answer, failure) -> {
      if (failure != null) {
        metrics.errors().add("ingress-io");
        settleFailed(p);
      } else if (answer.isSuccess()) {
        metrics.accepted(p.count());
        metrics.ingressLatency(answer.answeredAtNanos() - answer.sentAtNanos());
        http.release();
      } else if (answer.status() == 503 && attempt < MAX_ATTEMPTS) {
        metrics.countRejected();
        long pause = Math.min(1000, 10L << Math.min(attempt - 1, 7));
        try {
          retries.schedule(() -> post(p, attempt + 1), pause, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
          settleFailed(p); // the run is over
        }
      } else {
        metrics.errors().add(answer.status() == 503 ? "ingress-503-gave-up" : "ingress-" + answer.status());
        settleFailed(p);
      }
    });
  }

  private void settleFailed(Post p) {
    for (int i = 0; i < p.count(); i++) {
      ledger.failed(p.channel(), p.firstSeq() + i);
    }
    http.release();
  }

  /** The retry policy in words, for the result's settings. */
  static String retryPolicy() {
    return "503 retried after 10 ms doubling to 1 s, at most " + MAX_ATTEMPTS + " attempts";
  }
}
