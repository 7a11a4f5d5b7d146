package io.pushgate.bench.gateway;

/**
 * A shutdown hook that stops a server the harness started, so a Ctrl-C does not leave it running;
 * {@link #close()} removes the hook once the server was stopped the normal way.
 */
public final class StopOnExit implements AutoCloseable {
  private final Thread hook;

  private StopOnExit(Thread hook) {
    this.hook = hook;
  }

  /** Runs {@code server.close()} when the JVM exits before {@link #close()} is called. */
  public static StopOnExit register(AutoCloseable server, String threadName) {
    Thread hook = new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("bench: stopping at exit failed: " + e);
      }
    }, threadName);
    Runtime.getRuntime().addShutdownHook(hook);
    return new StopOnExit(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing left to undo
    }
  }
}
