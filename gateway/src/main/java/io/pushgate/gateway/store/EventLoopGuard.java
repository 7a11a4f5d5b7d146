package io.pushgate.gateway.store;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
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
    assert notOnEventLoop() : "JDBC on event loop thread " + Thread.currentThread().getName() + ": " + ctx.sql();
  }

  /** True unless the calling thread is a Netty event loop. */
  static boolean notOnEventLoop() {
    EventExecutor executor = ThreadExecutorMap.currentExecutor();
    return executor == null;
  }
}
