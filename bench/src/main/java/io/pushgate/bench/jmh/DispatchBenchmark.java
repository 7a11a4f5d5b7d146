package io.pushgate.bench.jmh;

import io.pushgate.gateway.Main;
import io.pushgate.model.RawNotification;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's delivery after a group commit, from the committed batch to the bytes on a subscribed
 * WebSocket: {@code LiveChannel.committed} waking the subscriber, the {@code DeliveryDrain} run on the
 * connection's loop (cursor, {@code FrameEncoder}, text frames through the WebSocket frame encoder),
 * one flush. One method per batch size (notifications committed at once); each reports the time per
 * notification.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
  /** The channel's maxNotifications: notifications per frame. */
  @Param({"100"})
  int maxNotifications;

  @Param({"256"})
  int payloadBytes;

  private SubscribedWebSocket socket;
  private List<RawNotification> one;
  private List<RawNotification> ten;
  private List<RawNotification> hundred;

  @Setup(Level.Trial)
  public void setUp() {
    // the gateway's object graph, never started: only its cursors and metrics are used, no database
    socket = new SubscribedWebSocket(Main.component("--auth", "none"), maxNotifications);
    hundred = HarnessNotifications.of(100, payloadBytes);
    ten = hundred.subList(0, 10);
    one = hundred.subList(0, 1);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    socket.close();
  }

  @Benchmark
  @OperationsPerInvocation(1)
  public void batchOf1(Blackhole blackhole) {
    deliver(one, blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(10)
  public void batchOf10(Blackhole blackhole) {
    deliver(ten, blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public void batchOf100(Blackhole blackhole) {
    deliver(hundred, blackhole);
  }

  private void deliver(List<RawNotification> batch, Blackhole blackhole) {
    socket.commit(batch);
    socket.runEventLoop();
    blackhole.consume(socket.readWritten());
  }

  /** For the test: the socket this benchmark writes to. */
  SubscribedWebSocket socket() {
    return socket;
  }
}
