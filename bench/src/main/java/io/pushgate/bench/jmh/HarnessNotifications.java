package io.pushgate.bench.jmh;

import io.pushgate.bench.client.BenchNotification;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.RawNotification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications as the load harness posts them (JSON, stamped, padded to a size), already parsed into
 * what the gateway keeps: the benchmarks' inputs, built once in their setup.
 */
final class HarnessNotifications {
  private HarnessNotifications() {}

  /** {@code count} notifications of {@code payloadBytes} bytes each, numbered 0, 1, ... */
  static List<RawNotification> of(int count, int payloadBytes) {
    List<RawNotification> notifications = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] body = BenchNotification.append(new StringBuilder(), 7, i, 123_456_789L, payloadBytes).toString()
          .getBytes(StandardCharsets.US_ASCII);
      notifications.add(new RawNotification("movieNotification", MediaFormat.JSON, body));
    }
    return List.copyOf(notifications);
  }
}
