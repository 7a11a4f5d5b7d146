package io.pushgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Channels live in PostgreSQL: a restart on the same data directory keeps them, and their tokens. */
@Timeout(120)
class RestartTest {
  @TempDir
  Path dataDir;

  @Test
  void testSuccess_channelReadableAfterRestart() {
    int port = TestGateway.freePort();
    String user = "tel%3A%2B19585550100";
    JsonNode created;
    String location;
    try (TestGateway gateway = TestGateway.start(dataDir, port)) {
      HttpResponse<String> response = gateway.postJson(gateway.api() + "/" + user + "/channels",
          "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"clientCorrelator\": \"restart\"}}");
      assertEquals(201, response.statusCode(), response.body());
      created = Json.parse(response.body()).get("notificationChannel");
      location = response.headers().firstValue("Location").orElseThrow();
    }
    try (TestGateway gateway = TestGateway.start(dataDir, port)) {
      HttpResponse<String> read = gateway.get(location);
      assertEquals(200, read.statusCode(), read.body());
      assertEquals(created, Json.parse(read.body()).get("notificationChannel"));
      // the correlator still identifies it
      HttpResponse<String> again = gateway.postJson(gateway.api() + "/" + user + "/channels",
          "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"clientCorrelator\": \"restart\"}}");
      assertEquals(200, again.statusCode(), again.body());
      assertEquals(location, again.headers().firstValue("Location").orElseThrow());
    }
  }
}
