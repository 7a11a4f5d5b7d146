package io.pushgate.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.pushgate.gateway.dispatch.FrameEncoder;
import io.pushgate.gateway.dispatch.LoggedNotification;
import io.pushgate.model.RawNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's delivery step: one {@code notificationList} frame from a batch of logged notifications
 * ({@code FrameEncoder.encode}), for batches of 1, 10 and 100. The buffer comes from Netty's default
 * allocator, as on a connection, and is released in the measurement, as after a write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameEncodingBenchmark {
  @Param({"1", "10", "100"})
  int batchSize;

  @Param({"256"})
  int payloadBytes;

  private ByteBufAllocator allocator;
  private List<LoggedNotification> batch;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = ByteBufAllocator.DEFAULT;
    List<LoggedNotification> notifications = new ArrayList<>(batchSize);
    long seq = 1_000_000L;
    for (RawNotification notification : HarnessNotifications.of(batchSize, payloadBytes)) {
      notifications.add(new LoggedNotification(seq++, notification));
    }
    batch = List.copyOf(notifications);
  }

  @Benchmark
  public void encode(Blackhole blackhole) {
    ByteBuf frame = FrameEncoder.encode(allocator, batch);
    try {
      blackhole.consume(frame.readableBytes());
      blackhole.consume(frame.getByte(frame.writerIndex() - 1));
    } finally {
      frame.release();
    }
  }
}
