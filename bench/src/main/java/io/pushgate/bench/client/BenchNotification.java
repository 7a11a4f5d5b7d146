package io.pushgate.bench.client;

import java.nio.charset.StandardCharsets;

/**
 * The notifications the harness posts as an enabler:
 *
 * <pre>{"movieNotification":{"callbackData":"bench","bench":{"c":17,"s":42,"t":123456789},"pad":"xx..."}}</pre>
 *
 * {@code c} is the channel's index in the run, {@code s} the notification's number in that channel,
 * {@code t} the {@link io.pushgate.bench.metrics.BenchClock} time it was meant to be sent. The gateway
 * delivers the document byte for byte, so {@link FrameParser} reads the stamp back on the socket.
 * {@code pad} brings each notification to the requested size.
 */
public final class BenchNotification {
  /** The member holding the stamp. */
  static final String STAMP = "bench";

  private BenchNotification() {}

  /** The size of a notification without padding, for the largest numbers: a floor for {@code --payload-bytes}. */
  public static int minimumBytes() {
    return append(new StringBuilder(), Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0).length();
  }

  /**
   * Appends one notification document of about {@code bytes} bytes (exactly, when {@code bytes} is at
   * least {@link #minimumBytes()}).
   */
  public static StringBuilder append(StringBuilder out, int channel, long seq, long sentAtNanos, int bytes) {
    int start = out.length();
    out.append("{\"movieNotification\":{\"callbackData\":\"bench\",\"bench\":{\"c\":").append(channel)
        .append(",\"s\":").append(seq).append(",\"t\":").append(sentAtNanos).append("},\"pad\":\"");
    int closing = 3; // "}}
    int pad = bytes - (out.length() - start) - closing;
    for (int i = 0; i < pad; i++) {
      out.append('x');
    }
    return out.append("\"}}");
  }

  /**
   * A POST body: the notification alone when there is one, else a {@code notificationList}.
   *
   * @param channel the channel's index
   * @param firstSeq the first notification's number; the others follow
   * @param count notifications in the body
   * @param sentAtNanos the stamp of every notification of the body
   * @param bytes size of each notification
   */
  public static byte[] body(int channel, long firstSeq, int count, long sentAtNanos, int bytes) {
    StringBuilder out = new StringBuilder(count * (bytes + 1) + 32);
    if (count == 1) {
      append(out, channel, firstSeq, sentAtNanos, bytes);
    } else {
      out.append("{\"notificationList\":[");
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          out.append(',');
        }
        append(out, channel, firstSeq + i, sentAtNanos, bytes);
      }
      out.append("]}");
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
