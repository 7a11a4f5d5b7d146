package io.pushgate.gateway;

import io.pushgate.gateway.auth.Scopes;
import io.pushgate.gateway.auth.SigningSecret;
import io.pushgate.gateway.auth.TokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pushgate token USER [SCOPE...]}: prints a bearer token for local use, signed with the same
 * secret the gateway verifies with ({@code --jwt-secret}, or the one in the data directory).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Print a bearer token (HS256) for USER, signed with the gateway's secret. For local use.")
final class TokenCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "USER", description = "The userId, e.g. tel:+19585550100 (the token's sub).")
  String user;

  @Parameters(index = "1..*", paramLabel = "SCOPE", description = "Scopes; default: everything (oma_rest_notificationchannel.all_v1, pushgate.movies.write, "
      + "pushgate.movies.subscribe).")
  List<String> scopes;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:PUSHGATE_DATA_DIR:-data}",
      description = "The gateway's data directory, holding its signing secret (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--jwt-secret", paramLabel = "SECRET", defaultValue = "${env:PUSHGATE_JWT_SECRET:-}",
      description = "The secret, when the gateway was given one (env PUSHGATE_JWT_SECRET).")
  String jwtSecret;

  @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "86400",
      description = "Lifetime of the token (default ${DEFAULT-VALUE}).")
  long ttlSeconds;

  @Override
  public Integer call() {
    byte[] secret = SigningSecret.load(jwtSecret.isBlank() ? Optional.empty() : Optional.of(jwtSecret),
        dataDir.toAbsolutePath().normalize());
    List<String> granted = scopes == null || scopes.isEmpty() ? Scopes.EVERYTHING : scopes;
    System.out.println(TokenIssuer.issue(secret, user, granted, Duration.ofSeconds(ttlSeconds)));
    return 0;
  }
}
