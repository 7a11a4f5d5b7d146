package io.pushgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: --help, and a clear message and exit code 2 for each bad value. */
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
      "--no-such-flag | Unknown option: '--no-such-flag'"})
  void testFailure_invalidConfiguration(String args, String message) {
    assertEquals(Main.EXIT_INVALID_CONFIG, run(args.split(" ")));
    assertTrue(err.toString().contains(message), "expected <" + message + "> in: " + err);
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
