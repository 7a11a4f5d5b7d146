package io.pushgate.gateway.store;

import io.pushgate.gateway.EventLoops;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Fails every SQL statement that is about to run on a Netty event loop thread. Installed on the one
 * {@code DSLContext}, so no repository method can forget it. It is a Java {@code assert}: tests (run
 * with {@code -ea}) fail at the offending call; production pays nothing.
 */
final class EventLoopGuard implements ExecuteListener {
  private static final long serialVersionUID = 1L;

  @Override
  public void executeStart(ExecuteContext ctx) {
    assert EventLoops.notOnEventLoop() : "JDBC on event loop thread " + Thread.currentThread().getName() + ": " + ctx.sql();
  }
}
