package io.pushgate.bench.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a gateway's {@code GET /health/ready} until it answers 200. */
public final class Readiness {
  private Readiness() {}

  /**
   * Waits until ready.
   *
   * @param admin the admin listener
   * @param timeout how long to wait
   * @param gone checked between polls: true when waiting is pointless (the process exited)
   * @return true when ready, false when {@code gone} said so or the time ran out
   */
  public static boolean await(URI admin, Duration timeout, BooleanSupplier gone) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(admin.resolve("/health/ready")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !gone.getAsBoolean()) {
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100); // another process gives us nothing to be notified by: poll
    }
    return false;
  }
}
