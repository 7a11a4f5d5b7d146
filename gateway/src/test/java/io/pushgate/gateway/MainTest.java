package io.pushgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: --help, and one clear line and exit code 2 for each bad value or unusable file. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void testHelpListsEveryOptionWithItsEnvironmentVariable() {
    assertEquals(0, run("--help"));
    String help = out.toString();
    for (String option : new String[] {"--host", "--port", "--public-url", "--admin-port", "--data-dir", "--db-url",
        "--db-user", "--db-password", "--db-pool-size", "--event-loop-threads", "--max-request-bytes",
        "--default-channel-lifetime", "--max-channel-lifetime", "--default-max-notifications",
        "--max-notifications-limit", "--expiry-sweep-interval", "--channel-queue-limit", "--ingress-queue-limit",
        "--commit-interval", "--movie-changes-in-progress", "--movie-change-wait",
        "--long-poll-timeout", "--keep-alive-interval", "--shutdown-timeout", "access-log", "--log-format"}) {
      assertTrue(help.contains(option), option + " missing from --help");
    }
    assertTrue(help.contains("PUSHGATE_PORT"), help);
    assertTrue(help.contains("PUSHGATE_DB_URL"), help);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--port abc | '--port'",
      "--port 70000 | --port must be between 0 and 65535, got 70000",
      "--port 9000 --admin-port 9000 | --port and --admin-port must differ",
      "--public-url ftp://example.com | --public-url must be an http:// or https:// URL",
      "--public-url http://example.com/x?y=1 | without user info, query or fragment",
      "--db-url mysql://x | --db-url must be a PostgreSQL JDBC URL",
      "--db-user bob | --db-user and --db-password need --db-url",
      "--db-pool-size 0 | --db-pool-size must be between 1 and 1000, got 0",
      "--default-channel-lifetime 7200 --max-channel-lifetime 3600 | must not exceed --max-channel-lifetime",
      "--default-max-notifications 0 | --default-max-notifications must be between 1 and 1000, got 0",
      "--max-request-bytes 10 | --max-request-bytes must be between 1024",
      "--expiry-sweep-interval 1 | --expiry-sweep-interval must be between 100",
      "--log-format yaml | --log-format must be text or json, got: yaml",
      "--shutdown-timeout 5 | --shutdown-timeout must be between 100",
      "--commit-interval 1001 | --commit-interval must be between 0 and 1000, got 1001",
      "--commit-interval -1 | --commit-interval must be between 0 and 1000, got -1",
      "--movie-changes-in-progress 0 | --movie-changes-in-progress must be between 1 and 64, got 0",
      "--movie-change-wait 60001 | --movie-change-wait must be between 0 and 60000, got 60001",
      "--no-such-flag | Unknown option: '--no-such-flag'"})
  void testFailure_invalidConfiguration(String args, String message) {
    assertEquals(Main.EXIT_INVALID_CONFIG, run(args.split(" ")));
    assertTrue(err.toString().contains(message), "expected <" + message + "> in: " + err);
  }

  @Test
  @Timeout(60)
  void testFailure_unusableTlsFilesAreInvalidConfigurationInOneLine(@TempDir Path dir) throws IOException {
    Path cert = Files.writeString(dir.resolve("cert.pem"),
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    Path key = Files.writeString(dir.resolve("key.pem"), "not a key\n");
    assertEquals(Main.EXIT_INVALID_CONFIG, runOnFreePorts(dir, "--tls-cert", cert.toString(), "--tls-key", key.toString()));
    assertOneLine("pushgate: invalid configuration: --tls-cert/--tls-key cannot be used: ");
  }

  @Test
  @Timeout(60)
  void testFailure_unusableJwksFileIsInvalidConfigurationInOneLine(@TempDir Path dir) throws IOException {
    Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\": \"not a list\"}");
    assertEquals(Main.EXIT_INVALID_CONFIG, runOnFreePorts(dir, "--auth", "jwt", "--jwks-file", jwks.toString()));
    assertOneLine("pushgate: invalid configuration: --jwks-file " + jwks + " is not a readable JWKS: ");
  }

  /** Runs with the data directory in {@code dir}, on ports nothing listens on (in case it does start). */
  private int runOnFreePorts(Path dir, String... args) throws IOException {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--host", "127.0.0.1", "--data-dir", dir.resolve("data").toString(),
        "--port", Integer.toString(TestGateway.freePort()), "--admin-port", Integer.toString(TestGateway.freePort())));
    return run(all.toArray(String[]::new));
  }

  private void assertOneLine(String start) {
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    assertTrue(lines.get(0).startsWith(start), "expected <" + start + "...> in: " + err);
  }

  @Test
  void testDefaultsAndPublicUrlFollowsThePort() {
    picocli.CommandLine commandLine = new picocli.CommandLine(new GatewayCommand());
    commandLine.parseArgs("--port", "9090", "--public-url", "https://push.example.com/base/");
    GatewayConfig config = commandLine.<GatewayCommand>getCommand().toConfig();
    assertEquals("https://push.example.com/base", config.publicUrl().toString());
    assertEquals("https://push.example.com/base/notificationchannel/v1", config.apiBaseUrl());

    commandLine = new picocli.CommandLine(new GatewayCommand());
    commandLine.parseArgs("--port", "9090");
    config = commandLine.<GatewayCommand>getCommand().toConfig();
    assertEquals("http://localhost:9090", config.publicUrl().toString());
    assertEquals(8081, config.adminPort());
    assertEquals(3600, config.defaultChannelLifetime().toSeconds());
    assertTrue(config.database().isEmpty());
  }

  @Test
  void testPasswordNeverPrinted() {
    GatewayConfig.ExternalDatabase db = new GatewayConfig.ExternalDatabase("jdbc:postgresql://h/db", "u", "s3cret");
    assertTrue(!db.toString().contains("s3cret") && db.toString().contains("<hidden>"), db.toString());
  }
}
