package io.pushgate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway per test class, on its own embedded PostgreSQL in a fresh directory:
 * {@code @RegisterExtension static final GatewayExtension gateway = new GatewayExtension("--flag", "value");}
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {
  private final String[] args;
  private Path dataDir;
  private TestGateway gateway;

  public GatewayExtension(String... args) {
    this.args = args;
  }

  /** The running gateway (between beforeAll and afterAll). */
  public TestGateway get() {
    return gateway;
  }

  /** The class's data directory, for extra gateways a test starts itself. */
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("pushgate-test-");
    gateway = TestGateway.start(dataDir, args);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (gateway != null) {
      gateway.close();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
