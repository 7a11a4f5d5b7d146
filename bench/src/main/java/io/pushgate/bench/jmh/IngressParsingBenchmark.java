package io.pushgate.bench.jmh;

import io.pushgate.bench.client.BenchNotification;
import io.pushgate.model.Codec;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NotificationList;
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
 * The gateway's first step on an enabler's POST: reading the body into opaque notifications
 * ({@code Codec.read(body, JSON, NotificationList.class)}), for one notification (its own root) and
 * for a {@code notificationList} of 100, each notification as the load harness sends it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IngressParsingBenchmark {
  @Param({"1", "100"})
  int notifications;

  @Param({"256"})
  int payloadBytes;

  private Codec codec;
  private byte[] body;

  @Setup(Level.Trial)
  public void setUp() throws InvalidBodyException {
    codec = Codec.create();
    body = BenchNotification.body(7, 0, notifications, 123_456_789L, payloadBytes);
    int read = codec.read(body, MediaFormat.JSON, NotificationList.class).notifications().size();
    if (read != notifications) {
      throw new IllegalStateException("the body holds " + read + " notifications, not " + notifications);
    }
  }

  @Benchmark
  public void read(Blackhole blackhole) throws InvalidBodyException {
    blackhole.consume(codec.read(body, MediaFormat.JSON, NotificationList.class));
  }
}
