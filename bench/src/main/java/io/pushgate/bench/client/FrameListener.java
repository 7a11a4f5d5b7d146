package io.pushgate.bench.client;

/**
 * What {@link FrameParser} finds in a server message, in document order. Called on the socket's event
 * loop; implementations must be quick and must not block.
 */
public interface FrameListener {
  /** A notification carrying the harness's stamp (see {@link BenchNotification}). */
  void stamped(long channel, long seq, long sentAtNanos);

  /** A {@code movieNotification} from the gateway's movies service: its movie's premiereDate. */
  void movie(String premiereDate);

  /** A notification with neither a stamp nor a movie. */
  void unrecognised();

  /** The list's {@code ncResumePoint}: everything up to it has now been read. */
  default void resumePoint(long resumePoint) {}

  /** The server's keep-alive {@code connCheck}; the socket answers it. */
  default void connCheck() {}

  /** Any other message root ({@code connAck}, {@code requestError}, ...). */
  default void other(String root) {}
}
