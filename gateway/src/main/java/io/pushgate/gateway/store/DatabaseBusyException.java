package io.pushgate.gateway.store;

/** The database executor's queue is full; the request is refused rather than queued without bound. */
public final class DatabaseBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DatabaseBusyException() {
    super("database executor queue is full", null, false, false);
  }
}
