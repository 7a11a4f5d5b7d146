package io.pushgate.bench.jmh;

import io.pushgate.gateway.dispatch.LiveChannel;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.model.RawNotification;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable log's group commit against a real PostgreSQL: {@code NotificationLog.append} of 1 or of
 * 100 notifications, each invocation waiting for its commit as an enabler's POST does. Every benchmark
 * thread is one such POST in flight (the default 16; change with {@code -t}), so the writer groups up
 * to that many appends per INSERT. The score is notifications committed per second.
 *
 * <p>A trial starts the whole gateway in-process on its embedded PostgreSQL in a temporary directory,
 * or on {@code -p dbUrl=jdbc:postgresql://...} ({@code -p dbUser=...}), and spreads the appends over
 * {@code channels} channels. Nothing confirms the notifications, so the table grows during a trial
 * (each notification is one row of about {@code payloadBytes}); the per-channel bound is set out of
 * reach so no append also deletes. At the end the trial's channels are deleted, their rows with them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(16)
public class GroupCommitBenchmark {
  /** A PostgreSQL JDBC URL, or {@value InProcessGateway#EMBEDDED} for the gateway's own. */
  @Param({InProcessGateway.EMBEDDED})
  String dbUrl;

  @Param({"postgres"})
  String dbUser;

  @Param({"64"})
  int channels;

  @Param({"256"})
  int payloadBytes;

  private InProcessGateway gateway;
  private NotificationLog log;
  private List<LiveChannel> live;
  private List<RawNotification> one;
  private List<RawNotification> hundred;

  /** Each benchmark thread's turn over the channels, starting at a different one. */
  @State(Scope.Thread)
  public static class Enabler {
    private static final AtomicInteger STARTS = new AtomicInteger();
    private int next = STARTS.getAndIncrement();

    LiveChannel nextOf(List<LiveChannel> channels) {
      return channels.get(Math.floorMod(next++, channels.size()));
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    gateway = InProcessGateway.start(dbUrl, dbUser, "--channel-queue-limit", "10000000");
    log = gateway.component().notificationLog();
    live = gateway.createChannels(channels);
    hundred = HarnessNotifications.of(100, payloadBytes);
    one = hundred.subList(0, 1);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  @OperationsPerInvocation(1)
  public void append1(Enabler enabler) {
    log.append(enabler.nextOf(live), one).join();
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public void append100(Enabler enabler) {
    log.append(enabler.nextOf(live), hundred).join();
  }

  /** For the test: the gateway this benchmark appends to. */
  InProcessGateway gateway() {
    return gateway;
  }
}
