package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.gateway.ChannelInfo;
import io.pushgate.bench.gateway.JvmMemory;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.ProgressReporter;
import io.pushgate.bench.report.RunResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * idle: N channels with an open WebSocket each and no traffic; what each connection costs the gateway.
 * Its memory is read (after a full GC) once the channels exist and again after every socket has been
 * open for the hold time; the difference divided by the connections is the cost of one. With more
 * connections than a process may hold, child JVMs hold them ({@link ChildFleet}).
 */
final class IdleRun {
  /** Connections one process holds at most: its open files are limited to 20,000 here. */
  static final int PER_PROCESS = 18_000;

  private final RunSetup setup;
  private final int channelCount;
  private final Duration hold;
  private final int processes;
  /** Cores used by each party while the sockets were held (empty until measured). */
  private Map<String, Object> cpu = Map.of();

  /** @param processes child JVMs to hold the sockets; 0 = this one; -1 = as many as needed */
  IdleRun(RunSetup setup, int channels, Duration hold, int processes) {
    this.setup = setup;
    this.channelCount = channels;
    this.hold = hold;
    this.processes = processes == -1 ? (channels > PER_PROCESS ? (channels + PER_PROCESS - 1) / PER_PROCESS : 0) : processes;
  }

  /** Whether child JVMs hold the connections ({@code processes} as --processes gives it). */
  static boolean inChildren(int channels, int processes) {
    return processes > 0 || (processes == -1 && channels > PER_PROCESS);
  }

  RunResult run() throws InterruptedException, IOException {
    List<String> failures = new ArrayList<>();
    setup.out.printf(Locale.ROOT, "bench: creating %d channels%n", channelCount);
    List<ChannelInfo> channels = setup.api().createChannels(channelCount, "bench-", setup.client.maxNotifications,
        setup.client.channelType);
    List<URI> uris = channels.stream().map(ChannelInfo::channelUri).toList();

    JvmMemory memory = setup.gateway().pid().isPresent() ? new JvmMemory(setup.gateway().pid().getAsLong()) : null;
    if (memory == null) {
      setup.out.println("bench: no gateway pid (--gateway-pid or --start-gateway): memory per connection not measured");
    }
    JvmMemory.Reading before = memory == null ? null : memory.read(true);

    ProgressReporter reporter = new ProgressReporter(setup.metrics, setup.out, () -> "");
    reporter.start();
    SubscriberFleet fleet = null;
    ChildFleet children = null;
    SubscriberFleet.Opened opened;
    JvmMemory.Reading after;
    long heldFrom;
    long held;
    try {
      if (processes == 0) {
        fleet = Sockets.fleet(setup, 256);
        opened = fleet.open(uris, i -> new QuietListener(setup.metrics), setup.client.connectConcurrency,
            setup.client.connectTimeout);
      } else {
        children = new ChildFleet(setup.metrics, setup.out);
        opened = children.open(uris, processes, setup.client, setup.reportDir, setup.client.connectTimeout);
      }
      String noun = Sockets.noun(setup.client);
      setup.out.printf(Locale.ROOT, "bench: opened %d %s in %.2f s (%d failed)%s%n", opened.opened(), noun,
          opened.seconds(), opened.failed(), processes > 0 ? " in " + processes + " child processes" : "");
      if (opened.failed() > 0) {
        failures.add(opened.failed() + " of " + channelCount + " " + noun + " did not open: " + opened.firstFailure());
      }
      heldFrom = BenchClock.nanos();
      ServerMeter meter = ServerMeter.start(setup.server, () -> 0);
      long until = heldFrom + hold.toNanos();
      for (long left; (left = until - BenchClock.nanos()) > 0; ) {
        LockSupport.parkNanos(left); // holding is the workload: nothing to wait for but time
      }
      cpu = meter.stop().cores(); // before the GC the reading asks for
      after = memory == null ? null : memory.read(true);
      held = setup.metrics.connections();
      if (held < opened.opened()) {
        failures.add((opened.opened() - held) + " " + Sockets.noun(setup.client) + " closed during the hold");
      }
    } finally {
      reporter.stop();
      if (fleet != null) {
        fleet.close(Duration.ofSeconds(20));
      }
      if (children != null) {
        children.close();
      }
    }
    return result(failures, opened, before, after, held, reporter);
  }

  private RunResult result(List<String> failures, SubscriberFleet.Opened opened, JvmMemory.Reading before,
      JvmMemory.Reading after, long held, ProgressReporter reporter) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("channels", channelCount);
    settings.put("hold", DurationConverter.format(hold));
    settings.put("processes holding the sockets", processes == 0 ? "the harness" : processes + " children");
    Sockets.describe(setup, settings);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put(Sockets.noun(setup.client) + " opened in s", RunSetup.round(opened.seconds()));
    details.put("opened per s", RunSetup.round(opened.seconds() > 0 ? opened.opened() / opened.seconds() : 0));
    if (before != null && after != null) {
      long n = Math.max(1, opened.opened());
      memory(details, "RSS", before.rssKiB(), after.rssKiB(), n);
      memory(details, "heap (live, after full GC)", before.heapUsedKiB(), after.heapUsedKiB(), n);
      memory(details, "direct (NMT Other)", before.directKiB(), after.directKiB(), n);
      memory(details, "NMT committed", before.nmtCommittedKiB(), after.nmtCommittedKiB(), n);
      details.put("memory note", "the gateway JVM only (its PostgreSQL processes excluded); "
          + "before = channels created, no sockets; after = every socket open for the hold");
    }
    details.putAll(cpu);
    RunResult.Totals totals = new RunResult.Totals(held, opened.failed(), 0, 0, 0, 0, 0, 0, 0, 0,
        setup.metrics.errors().snapshot());
    return setup.result(failures, reporter.elapsedSeconds(), settings, totals, null, details, reporter);
  }

  private static void memory(Map<String, Object> details, String name, Long before, Long after, long connections) {
    if (before == null || after == null) {
      details.put(name, "not available");
      return;
    }
    details.put(name + " before, MiB", RunSetup.round(before / 1024.0));
    details.put(name + " after, MiB", RunSetup.round(after / 1024.0));
    details.put(name + " per connection, bytes", Math.round((after - before) * 1024.0 / connections));
  }
}
