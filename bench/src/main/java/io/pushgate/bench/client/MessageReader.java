package io.pushgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pushgate.bench.metrics.BenchClock;
import io.pushgate.bench.metrics.LoadMetrics;
import java.io.IOException;

/**
 * Reads one subscriber's server messages (WebSocket frames, long-poll answers): every notification is
 * counted in the run's metrics and handed to the workload's {@link FrameListener}; what concerns the
 * connection itself (the resume point, a connCheck, another message) goes to its {@link Control}.
 */
final class MessageReader implements FrameListener {
  /** What a message tells the connection that read it. */
  interface Control {
    /** The list's {@code ncResumePoint}. */
    void resumePoint(long resumePoint);

    /** The server's {@code connCheck}. */
    default void connCheck() {}

    /** Any other message root. */
    void other(String root);
  }

  private final FrameParser parser;
  private final LoadMetrics metrics;
  private final FrameListener listener;
  private final Control control;

  MessageReader(FrameParser parser, LoadMetrics metrics, FrameListener listener, Control control) {
    this.parser = parser;
    this.metrics = metrics;
    this.listener = listener;
    this.control = control;
  }

  /**
   * Reads {@code content}: a list of notifications, or with {@code onePerMessage} a single one.
   *
   * @return false when it was not valid UTF-8 or not a message of the expected shape (the caller
   *     counts the error)
   */
  boolean read(ByteBuf content, boolean onePerMessage) {
    byte[] bytes;
    int offset;
    if (content.hasArray()) {
      bytes = content.array();
      offset = content.arrayOffset() + content.readerIndex();
    } else {
      bytes = ByteBufUtil.getBytes(content);
      offset = 0;
    }
    if (!Utf8.isValid(bytes, offset, content.readableBytes())) {
      metrics.messageRead(BenchClock.nanos());
      return false;
    }
    boolean parsed = true;
    try {
      if (onePerMessage) {
        parser.parseNotification(bytes, offset, content.readableBytes(), this);
      } else {
        parser.parse(bytes, offset, content.readableBytes(), this);
      }
    } catch (IOException e) {
      parsed = false;
    }
    metrics.messageRead(BenchClock.nanos());
    return parsed;
  }

  @Override
  public void stamped(long channel, long seq, long sentAtNanos) {
    metrics.received(1);
    listener.stamped(channel, seq, sentAtNanos);
  }

  @Override
  public void movie(String premiereDate) {
    metrics.received(1);
    listener.movie(premiereDate);
  }

  @Override
  public void unrecognised() {
    metrics.received(1);
    listener.unrecognised();
  }

  @Override
  public void resumePoint(long resumePoint) {
    control.resumePoint(resumePoint);
  }

  @Override
  public void connCheck() {
    control.connCheck();
  }

  @Override
  public void other(String root) {
    control.other(root);
  }
}
