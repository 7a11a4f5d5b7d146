package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.HttpResult;
import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.gateway.ChannelInfo;
import io.pushgate.bench.gateway.GatewayApi;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.DeliveryLedger;
import io.pushgate.bench.metrics.ProgressReporter;
import io.pushgate.bench.report.LatencySummary;
import io.pushgate.bench.report.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * fanout: N channels, each subscribed to the same movie through the gateway's movies service; the
 * harness changes the movie's premiereDate again and again and measures, per change, the time until
 * every channel got it, and the deliveries per second.
 *
 * <p>Without a rate, changes go one at a time: the next PATCH leaves once every channel got the
 * previous one (or the change timeout passed). With a rate, PATCHes leave on schedule regardless.
 */
final class FanoutRun {
  /** Changes a closed-loop run may make at most (sizes the per-change arrays). */
  static final int MAX_CHANGES = 100_000;

  private final RunSetup setup;
  private final int channelCount;
  private final double rate;
  private final Duration duration;
  private final Duration warmup;
  private final Duration changeTimeout;
  private final String movieOption;
  /** What the measured phase cost the server (null until measured). */
  private ServerMeter.Measured measured;

  FanoutRun(RunSetup setup, int channels, double rate, Duration duration, Duration warmup, Duration changeTimeout,
      String movieId) {
    this.setup = setup;
    this.channelCount = channels;
    this.rate = rate;
    this.duration = duration;
    this.warmup = warmup;
    this.changeTimeout = changeTimeout;
    this.movieOption = movieId;
  }

  RunResult run() throws InterruptedException {
    List<String> movies = setup.api().movieIds(); // first: fail before creating anything without a movies service
    if (movies.isEmpty() && movieOption == null) {
      throw new GatewayApi.ApiException("the movies service lists no movie to subscribe to");
    }
    String movieId = movieOption != null ? movieOption : movies.get(0);
    ClientOptions client = setup.client;
    setup.out.printf(Locale.ROOT, "bench: creating %d channels%n", channelCount);
    long t0 = BenchClock.nanos();
    List<ChannelInfo> channels = setup.api().createChannels(channelCount, "bench-", client.maxNotifications,
        client.channelType);
    setup.out.printf(Locale.ROOT, "bench: created %d channels in %.2f s%n", channels.size(), (BenchClock.nanos() - t0) / 1e9);

    int capacity = rate > 0
        ? (int) Math.min(MAX_CHANGES, Math.ceil(rate * duration.plus(warmup).toMillis() / 1000.0) + 2) : MAX_CHANGES;
    FanoutChanges changes = new FanoutChanges(channelCount, capacity);
    DeliveryLedger ledger = new DeliveryLedger(channelCount);
    SubscriberFleet fleet = Sockets.fleet(setup, 1024);
    List<String> failures = new ArrayList<>();
    try {
      SubscriberFleet.Opened opened = fleet.open(channels.stream().map(ChannelInfo::channelUri).toList(),
          i -> new MovieListener(i, changes, ledger, setup.metrics), client.connectConcurrency, client.connectTimeout);
      setup.out.printf(Locale.ROOT, "bench: opened %d %s in %.2f s (%d failed)%n", opened.opened(),
          Sockets.noun(client), opened.seconds(), opened.failed());
      if (opened.failed() > 0) {
        failures.add(opened.failed() + " of " + channelCount + " " + Sockets.noun(client) + " did not open: "
            + opened.firstFailure());
        return result(failures, ledger, changes, movieId, 0, opened, null, 0);
      }
      t0 = BenchClock.nanos();
      setup.api().subscribe(channels, movieId);
      setup.out.printf(Locale.ROOT, "bench: subscribed %d channels to movie %s in %.2f s%n", channelCount, movieId,
          (BenchClock.nanos() - t0) / 1e9);

      AtomicReference<String> patchFailure = new AtomicReference<>();
      if (!warmup.isZero()) {
        setup.out.printf(Locale.ROOT, "bench: warming up for %s with the same changes (not measured)%n",
            DurationConverter.format(warmup));
        change(movieId, channels, changes, ledger, patchFailure, warmup);
        if (!Drain.await(ledger, client.drainTimeout)) {
          failures.add(ledger.outstanding() + " warm-up deliveries had not arrived "
              + DurationConverter.format(client.drainTimeout) + " after the warm-up");
          return result(failures, ledger, changes, movieId, 0, opened, null, 0);
        }
      }
      changes.startMeasuring();
      long deliveredBefore = ledger.totals().delivered();
      ProgressReporter reporter = new ProgressReporter(setup.metrics, setup.out,
          () -> "changes " + changes.measured() + " complete " + changes.completed());
      reporter.start();
      ServerMeter meter = ServerMeter.start(setup.server, () -> ledger.totals().delivered());
      long first = change(movieId, channels, changes, ledger, patchFailure, duration);
      boolean drained = Drain.await(ledger, client.drainTimeout);
      measured = meter.stop();
      reporter.stop();
      long last = Math.max(setup.metrics.lastReceivedNanos(), first);
      if (patchFailure.get() != null) {
        failures.add(patchFailure.get());
      }
      if (!drained) {
        failures.add(ledger.outstanding() + " deliveries had not arrived " + DurationConverter.format(client.drainTimeout)
            + " after the last change");
      } else if (ledger.totals().lost() > 0) {
        failures.add(ledger.totals().lost() + " deliveries lost");
      }
      return result(failures, ledger, changes, movieId, (last - first) / 1e9, opened, reporter, deliveredBefore);
    } finally {
      fleet.close(Duration.ofSeconds(10));
    }
  }

  /**
   * Makes changes for {@code phase}; returns when the first left. A failed PATCH is noted in
   * {@code patchFailure}.
   */
  private long change(String movieId, List<ChannelInfo> channels, FanoutChanges changes, DeliveryLedger ledger,
      AtomicReference<String> patchFailure, Duration phase) throws InterruptedException {
    long start = BenchClock.nanos();
    long end = start + phase.toNanos();
    for (int j = 0; changes.begun() < changes.capacity(); j++) {
      if (rate > 0) {
        long due = start + (long) (j * 1e9 / rate);
        for (long wait; (wait = due - BenchClock.nanos()) > 0; ) {
          LockSupport.parkNanos(wait);
        }
      }
      if (BenchClock.nanos() >= end) {
        break;
      }
      for (ChannelInfo c : channels) {
        ledger.issue(c.index()); // change k is number k of every channel: issued here only, in order
      }
      int change = changes.begin(BenchClock.nanos());
      AtomicBoolean failed = new AtomicBoolean();
      CompletableFuture<HttpResult> patched = setup.api().patchPremiereDate(movieId, FanoutChanges.dateOf(change));
      patched.whenComplete((answer, error) -> {
        if (error == null && answer.status() == 200) {
          setup.metrics.accepted(channels.size());
          setup.metrics.ingressLatency(answer.answeredAtNanos() - answer.sentAtNanos());
          return;
        }
        if (error == null && answer.status() == 503) {
          // the gateway had no room for the change's notifications and did not make it: overload,
          // answered as it should be; counted with the 503s, and no channel expects this change
          setup.metrics.countRejected();
        } else {
          setup.metrics.errors().add(error != null ? "patch-io" : "patch-" + answer.status());
          patchFailure.compareAndSet(null, error != null ? "PATCH of movie " + movieId + " failed: " + error
              : "PATCH of movie " + movieId + " answered " + answer.status() + ": " + answer.bodyExcerpt());
        }
        for (ChannelInfo c : channels) {
          ledger.failed(c.index(), change);
        }
        failed.set(true);
        changes.wake();
      });
      if (rate == 0) { // closed loop: the next change waits for this one
        if (!changes.awaitComplete(change, BenchClock.nanos() + changeTimeout.toNanos(), failed::get) && !failed.get()) {
          setup.metrics.errors().add("change-timeout");
        }
      }
    }
    return start;
  }

  private RunResult result(List<String> failures, DeliveryLedger ledger, FanoutChanges changes, String movieId,
      double elapsed, SubscriberFleet.Opened opened, ProgressReporter reporter, long deliveredBefore) {
    DeliveryLedger.Totals t = ledger.totals();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("channels", channelCount);
    settings.put("rate", rate > 0 ? rate + " changes/s" : "one change at a time");
    settings.put("duration", DurationConverter.format(duration));
    settings.put("warm-up", warmup.isZero() ? "none" : DurationConverter.format(warmup));
    settings.put("change timeout", DurationConverter.format(changeTimeout));
    settings.put("movie", movieId);
    Sockets.describe(setup, settings);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("changes made (measured)", changes.measured());
    details.put("warm-up changes (in the totals, not in the figures)", changes.begun() - changes.measured());
    details.put("changes every channel got", changes.completed());
    LatencySummary completion = LatencySummary.ofMicros(changes.completionMicros());
    details.put("fan-out completion p50 ms", completion.p50Ms());
    details.put("fan-out completion p99 ms", completion.p99Ms());
    details.put("fan-out completion max ms", completion.maxMs());
    double deliveredPerSecond = elapsed > 0 ? (t.delivered() - deliveredBefore) / elapsed : 0;
    details.put("deliveries per s (measured: first PATCH to last delivery)", RunSetup.round(deliveredPerSecond));
    if (measured != null) {
      details.putAll(measured.cores());
    }
    details.put("note", "fan-out completion: PATCH sent to the last channel's delivery; "
        + "\"ingress\" latency here is PATCH to 200");
    return setup.ledgerResult(failures, "deliveries", t, opened, elapsed, settings, details, measured,
        deliveredPerSecond, reporter);
  }
}
