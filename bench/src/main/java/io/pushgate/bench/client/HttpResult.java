package io.pushgate.bench.client;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer, fully read.
 *
 * @param status the status code
 * @param body the body (empty for none)
 * @param sentAtNanos {@link io.pushgate.bench.metrics.BenchClock} time the request was written
 * @param answeredAtNanos {@link io.pushgate.bench.metrics.BenchClock} time the answer was read
 */
public record HttpResult(int status, byte[] body, long sentAtNanos, long answeredAtNanos) {

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body for an error message: the first 300 characters. */
  public String bodyExcerpt() {
    String text = bodyText();
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
