package io.pushgate.gateway;

/**
 * A bounded queue in front of some work (the database executor, the notification log, the CPU
 * executor, the {@code /metrics} scraper) is full: the request is refused with 503 (with
 * {@code Retry-After} on the API) rather than queued without bound. Expected under overload, so no stack trace.
 */
public class ServerBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code queue} names the full queue, for the log; it is never shown to a client. */
  public ServerBusyException(String queue) {
    super(queue + " is full", null, false, false);
  }
}
