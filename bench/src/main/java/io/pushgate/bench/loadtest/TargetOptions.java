package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which gateway a run measures: a running one ({@code --url}) or one the harness starts. */
final class TargetOptions {
  @Option(names = "--url", paramLabel = "URL",
      description = "Public URL of a running gateway, e.g. http://127.0.0.1:8080.")
  URI url;

  @Option(names = "--admin-url", paramLabel = "URL",
      description = "Its admin URL, e.g. http://127.0.0.1:8081; when given, the run waits for /health/ready.")
  URI adminUrl;

  @Option(names = "--gateway-pid", paramLabel = "PID",
      description = "Process id of the running gateway, for the memory figures of 'idle'.")
  Long gatewayPid;

  @Option(names = "--start-gateway",
      description = "Start a gateway from --gateway-jar on free loopback ports in a temporary data directory, "
          + "and stop it at the end.")
  boolean startGateway;

  @Option(names = "--gateway-jar", paramLabel = "JAR", defaultValue = "gateway/target/pushgate.jar",
      description = "The gateway jar for --start-gateway (default: ${DEFAULT-VALUE}).")
  Path gatewayJar;

  @Option(names = "--gateway-jvm-opts", paramLabel = "OPTS", defaultValue = "",
      description = "JVM options of the started gateway, space-separated, e.g. \"-Xmx2g\".")
  String gatewayJvmOpts;

  @Option(names = "--gateway-arg", paramLabel = "ARG",
      description = "A flag for the started gateway; repeat it, e.g. --gateway-arg=--db-pool-size=16.")
  List<String> gatewayArgs = new ArrayList<>();

  @Option(names = "--jwt-secret", paramLabel = "SECRET", defaultValue = "${env:PUSHGATE_JWT_SECRET:-}",
      description = "The running gateway's HS256 secret, to sign a token per user for its REST API "
          + "(env PUSHGATE_JWT_SECRET, as the gateway reads it). With --start-gateway a fresh one is made.")
  String jwtSecret;

  @Option(names = "--jwt-secret-file", paramLabel = "FILE",
      description = "Or the secret the gateway generated: <its data-dir>/jwt-secret. "
          + "Neither: no token is sent (a gateway run with --auth none).")
  Path jwtSecretFile;

  List<String> jvmOptions() {
    List<String> out = new ArrayList<>();
    for (String o : gatewayJvmOpts.trim().split("\\s+")) {
      if (!o.isEmpty()) {
        out.add(o);
      }
    }
    return out;
  }

  /** The tokens for a running gateway: from its secret when given, else none. */
  Credentials credentials() throws IOException {
    if (!jwtSecret.isEmpty()) {
      return Credentials.hs256(jwtSecret.getBytes(StandardCharsets.UTF_8));
    }
    if (jwtSecretFile != null) {
      // the gateway keeps a generated secret URL-safe base64 encoded
      return Credentials.hs256(Base64.getUrlDecoder().decode(Files.readString(jwtSecretFile, StandardCharsets.US_ASCII).trim()));
    }
    return Credentials.none();
  }

  void validate() {
    if (startGateway == (url != null)) {
      throw new IllegalArgumentException("give either --url of a running gateway or --start-gateway");
    }
    // a PUSHGATE_JWT_SECRET exported for the user's own gateway is simply not used by a started one
    boolean secretGiven = jwtSecretFile != null
        || (!jwtSecret.isEmpty() && !jwtSecret.equals(System.getenv("PUSHGATE_JWT_SECRET")));
    if (startGateway && secretGiven) {
      throw new IllegalArgumentException("--jwt-secret and --jwt-secret-file are for --url: a started gateway gets a fresh secret");
    }
    if (url != null && !"http".equals(url.getScheme())) {
      throw new IllegalArgumentException("--url must be an http:// URL: " + url);
    }
  }
}
