package io.pushgate.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Test configurations built directly, without the command line. */
public final class GatewayConfigs {
  private GatewayConfigs() {}

  /** Marks a graph that was built but not started as serving (for pipeline tests without a database). */
  public static void markServing(GatewayComponent component) {
    component.servingState().set(true);
  }

  public static GatewayConfig defaults() {
    return withPublicUrl("http://localhost:8080");
  }

  public static GatewayConfig withPublicUrl(String publicUrl) {
    return with(publicUrl, GatewayConfig.AuthMode.none, Optional.empty(), Optional.empty());
  }

  /** The defaults with {@code --auth jwt} and HS256 tokens signed with {@code secret} (at least 32 bytes). */
  public static GatewayConfig withJwtSecret(String secret) {
    return with("http://localhost:8080", GatewayConfig.AuthMode.jwt, Optional.of(secret), Optional.empty());
  }

  /** {@link #withJwtSecret} with RS256/ES256 tokens verified with the keys at {@code jwksUrl} too. */
  public static GatewayConfig withJwksUrl(String secret, URI jwksUrl) {
    return with("http://localhost:8080", GatewayConfig.AuthMode.jwt, Optional.of(secret), Optional.of(jwksUrl));
  }

  private static GatewayConfig with(String publicUrl, GatewayConfig.AuthMode auth, Optional<String> jwtSecret,
      Optional<URI> jwksUrl) {
    return new GatewayConfig("127.0.0.1", 8080, URI.create(publicUrl), 8081, Path.of("target/test-data"),
        Optional.empty(), 2, 1, 64 * 1024, Duration.ofSeconds(3600), Duration.ofSeconds(86400), 20, 1000,
        Duration.ofSeconds(10), 10_000, 100_000, Duration.ofMillis(2), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofSeconds(10), false, new GatewayConfig.MovieChanges(2, Duration.ofSeconds(1)),
        new GatewayConfig.Security(auth, jwtSecret,
            Optional.empty(), jwksUrl, Optional.empty(), Optional.empty(), 100, 100, 10_000, 1_000,
            Duration.ofSeconds(10)));
  }
}
