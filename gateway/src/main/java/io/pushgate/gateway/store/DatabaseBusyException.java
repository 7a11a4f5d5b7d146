package io.pushgate.gateway.store;

import io.pushgate.gateway.ServerBusyException;

/**
 * The database cannot keep up: a bounded queue in front of it (the database executor's, the
 * notification log's) is full. The request is refused (503) rather than queued without bound.
 */
public final class DatabaseBusyException extends ServerBusyException {
  private static final long serialVersionUID = 1L;

  public DatabaseBusyException(String queue) {
    super(queue);
  }
}
