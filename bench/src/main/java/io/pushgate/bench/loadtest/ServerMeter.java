package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.CpuUsage;
import io.pushgate.bench.gateway.ProcessMemory;
import io.pushgate.bench.gateway.ServerUnderTest;
import io.pushgate.bench.report.ServerUsage;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures what a phase of a run cost: the CPU of the harness and of each of the server's process
 * groups, the notifications delivered in between, and the server's memory at the end. Started when
 * the measured sending starts, stopped once what was sent has arrived (or the drain timed out).
 */
final class ServerMeter {
  private final ServerUnderTest server;
  private final LongSupplier delivered;
  private final CpuUsage.Reading cpuFrom;
  private final long deliveredFrom;

  private ServerMeter(ServerUnderTest server, LongSupplier delivered) {
    this.server = server;
    this.delivered = delivered;
    this.deliveredFrom = delivered.getAsLong();
    this.cpuFrom = CpuUsage.read(server);
  }

  /**
   * Starts measuring now.
   *
   * @param delivered the count of notifications delivered so far (the ledger's)
   */
  static ServerMeter start(ServerUnderTest server, LongSupplier delivered) {
    return new ServerMeter(server, delivered);
  }

  /**
   * What the phase cost.
   *
   * @param used CPU of each party
   * @param delivered notifications delivered during the phase
   * @param memoryMiB the server's processes' PSS at the end, null when unknown
   * @param server the server's name
   */
  record Measured(CpuUsage.Used used, long delivered, Double memoryMiB, String server) {
    /** Cores each party used, for a result's details ("CPU cores used: gateway JVM"). */
    Map<String, Object> cores() {
      return used.cores();
    }

    /** The server's cost, given the phase's delivery rate. */
    ServerUsage usage(double deliveredPerSecond) {
      return new ServerUsage(server, delivered, RunSetup.round(deliveredPerSecond), used.msPerThousand(delivered),
          memoryMiB);
    }
  }

  Measured stop() {
    CpuUsage.Used used = CpuUsage.between(cpuFrom, CpuUsage.read(server));
    long count = delivered.getAsLong() - deliveredFrom;
    Long kib = ProcessMemory.kib(server.processGroups().values());
    return new Measured(used, count, kib == null ? null : RunSetup.round(kib / 1024.0), server.name());
  }
}
