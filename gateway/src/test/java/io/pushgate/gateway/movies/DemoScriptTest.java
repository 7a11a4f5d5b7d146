package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.auth.Scopes;
import io.pushgate.gateway.auth.SigningSecret;
import io.pushgate.gateway.auth.TokenIssuer;
import java.time.Duration;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.pushgate.gateway.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** scripts/demo, exactly as a user runs it (java scripts/Demo.java), against a real gateway. */
@Timeout(120)
class DemoScriptTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass("--auth", "jwt");

  @Test
  void testSuccess_theDemoShowsTheNotificationArriving() throws Exception {
    Path demo = Path.of("..", "scripts", "Demo.java").toAbsolutePath().normalize();
    assertTrue(Files.exists(demo), demo.toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path output = gateway.dataDir().resolve("demo.out");
    // what scripts/token prints: a token signed with the gateway's secret, for the demo's user
    String token = TokenIssuer.issue(SigningSecret.load(Optional.empty(), gateway.dataDir()), "tel:+19585550100",
        Scopes.EVERYTHING, Duration.ofMinutes(10));
    Process process = new ProcessBuilder(List.of(java, demo.toString(), "--url", gateway.baseUrl(),
        "--movie", "signal-lost", "--token", token))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "demo finished");
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    assertTrue(text.contains("== 6. The notification arrives on the WebSocket"), text);
    assertTrue(text.contains("\"changeType\": \"Updated\"") && text.contains("\"premiereDate\": \"2026-12-11\""), text);
  }
}
