package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.gateway.ChannelInfo;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.DeliveryLedger;
import io.pushgate.bench.metrics.ProgressReporter;
import io.pushgate.bench.report.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * unicast and million: N channels with a WebSocket each; the harness posts stamped notifications to
 * their callbackURLs round robin and reads them back, measuring end-to-end latency and counting the
 * lost and the duplicated. After sending it waits (up to the drain timeout) for what is still on its
 * way.
 */
final class UnicastRun {
  private final RunSetup setup;
  private final UnicastPlan plan;
  /** What the measured phase cost the server (null until measured). */
  private ServerMeter.Measured measured;

  UnicastRun(RunSetup setup, UnicastPlan plan) {
    this.setup = setup;
    this.plan = plan;
  }

  RunResult run() throws InterruptedException {
    ClientOptions client = setup.client;
    List<String> failures = new ArrayList<>();
    setup.out.printf(Locale.ROOT, "bench: creating %d channels%n", plan.channels());
    long t0 = BenchClock.nanos();
    List<ChannelInfo> channels = setup.server.createChannels(setup.http, plan.channels(), client.maxNotifications,
        client.channelType);
    setup.out.printf(Locale.ROOT, "bench: created %d channels in %.2f s%n", channels.size(), (BenchClock.nanos() - t0) / 1e9);

    DeliveryLedger ledger = new DeliveryLedger(plan.channels());
    SubscriberFleet fleet = Sockets.fleet(setup, plan.payloadBytes());
    try {
      SubscriberFleet.Opened opened = fleet.open(channels.stream().map(ChannelInfo::channelUri).toList(),
          i -> new StampListener(i, ledger, setup.metrics), client.connectConcurrency, client.connectTimeout);
      setup.out.printf(Locale.ROOT, "bench: opened %d %s in %.2f s (%d failed)%n", opened.opened(),
          Sockets.noun(client), opened.seconds(), opened.failed());
      if (opened.failed() > 0) {
        failures.add(opened.failed() + " of " + plan.channels() + " " + Sockets.noun(client) + " did not open: "
            + opened.firstFailure());
        return result(failures, ledger, 0, opened, null, null, 0);
      }

      long warmedUp = 0;
      if (!plan.warmup().isZero()) {
        setup.out.printf(Locale.ROOT, "bench: warming up for %s at the same load (not measured)%n",
            DurationConverter.format(plan.warmup()));
        warmedUp = sender(channels, ledger, 0).run(plan.warmup().toNanos()).notifications();
        if (!Drain.await(ledger, client.drainTimeout)) {
          failures.add(ledger.outstanding() + " warm-up notifications had not arrived "
              + DurationConverter.format(client.drainTimeout) + " after the warm-up");
          return result(failures, ledger, 0, opened, null, null, warmedUp);
        }
      }

      ProgressReporter reporter = new ProgressReporter(setup.metrics, setup.out,
          () -> "outstanding " + ledger.outstanding());
      reporter.start();
      ServerMeter meter = ServerMeter.start(setup.server, () -> ledger.totals().delivered());
      IngressSender.Sent sent = sender(channels, ledger, plan.notifications()).run(plan.duration().toNanos());
      boolean drained = Drain.await(ledger, client.drainTimeout);
      measured = meter.stop();
      reporter.stop();
      double elapsed = (setup.metrics.lastReceivedNanos() > sent.firstNanos()
          ? setup.metrics.lastReceivedNanos() - sent.firstNanos() : sent.lastNanos() - sent.firstNanos()) / 1e9;

      DeliveryLedger.Totals totals = ledger.totals();
      if (!sent.allAnswered()) {
        failures.add("some ingress requests were still unanswered a minute after the last one was sent");
      }
      if (!drained) {
        failures.add(totals.lost() + " notifications had not arrived " + DurationConverter.format(client.drainTimeout)
            + " after the last send");
      } else if (totals.lost() > 0) {
        failures.add(totals.lost() + " notifications lost");
      }
      if (plan.requireAll() && sent.notifications() < plan.notifications()) {
        failures.add("only " + sent.notifications() + " of " + plan.notifications() + " notifications were sent within "
            + DurationConverter.format(plan.duration()));
      }
      if (plan.requireAll() && totals.failed() > 0) {
        failures.add(totals.failed() + " notifications could not be posted");
      }
      return result(failures, ledger, elapsed, opened, sent, reporter, warmedUp);
    } finally {
      fleet.close(Duration.ofSeconds(10));
    }
  }

  private IngressSender sender(List<ChannelInfo> channels, DeliveryLedger ledger, long limit) {
    return new IngressSender(setup.http, channels, ledger, setup.metrics, plan.batch(), plan.payloadBytes(), plan.rate(),
        limit);
  }

  private RunResult result(List<String> failures, DeliveryLedger ledger, double elapsed, SubscriberFleet.Opened opened,
      IngressSender.Sent sent, ProgressReporter reporter, long warmedUp) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("channels", plan.channels());
    settings.put("rate", plan.rate() > 0 ? plan.rate() + " notifications/s" : "as fast as possible");
    settings.put("batch", plan.batch());
    settings.put("payload bytes", plan.payloadBytes());
    settings.put("notifications", plan.notifications() > 0 ? Long.toString(plan.notifications()) : "unlimited");
    settings.put("duration", DurationConverter.format(plan.duration()));
    settings.put("warm-up", plan.warmup().isZero() ? "none" : DurationConverter.format(plan.warmup()));
    Sockets.describe(setup, settings);
    settings.put("retry policy", IngressSender.retryPolicy());

    Map<String, Object> details = new LinkedHashMap<>();
    details.put(Sockets.noun(setup.client) + " opened in s", RunSetup.round(opened.seconds()));
    double deliveredPerSecond = 0;
    if (warmedUp > 0) {
      details.put("warm-up notifications (in the totals, not in the latency figures)", warmedUp);
    }
    if (sent != null) {
      double sendSeconds = Math.max(1e-9, (sent.lastNanos() - sent.firstNanos()) / 1e9);
      details.put("measured notifications", sent.notifications());
      details.put("ingress requests", sent.requests());
      details.put("sending time s", RunSetup.round(sendSeconds));
      details.put("sent per s (while sending)", RunSetup.round(sent.notifications() / sendSeconds));
      deliveredPerSecond = elapsed > 0 && measured != null ? measured.delivered() / elapsed : 0;
      details.put("delivered per s (first send to last delivery)", RunSetup.round(deliveredPerSecond));
      if (plan.rate() > 0) {
        details.put("behind schedule at the end, ms", RunSetup.round(sent.behindNanos() / 1e6));
      }
    }
    if (measured != null) {
      details.putAll(measured.cores());
    }
    return setup.ledgerResult(failures, "notifications", ledger.totals(), opened, elapsed, settings, details, measured,
        deliveredPerSecond, reporter);
  }
}
