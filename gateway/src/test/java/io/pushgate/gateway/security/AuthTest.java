package io.pushgate.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushgate.gateway.HeldCpuExecutor;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import io.pushgate.gateway.WsClient;
import io.pushgate.gateway.auth.Scopes;
import io.pushgate.gateway.auth.SigningSecret;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bearer tokens over real sockets: every failure mode, keys from a JWKS, users kept apart, scopes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class AuthTest {
  @TempDir
  static Path dir;
  private TestGateway gateway;
  private byte[] secret;
  private RSAKey rsa;
  private ECKey ec;

  @BeforeAll
  void start() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
    gateway = TestGateway.start(dir.resolve("data"), "--auth", "jwt", "--jwks-file", jwks.toString());
    secret = SigningSecret.load(Optional.empty(), dir.resolve("data"));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static JWTClaimsSet.Builder claims(String subject, String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().subject(subject).claim("scope", scope)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
  }

  private static String sign(JWTClaimsSet claims, JWSAlgorithm alg, JWSSigner signer, String keyId) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(keyId).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private String hs256(String subject, String scope) throws JOSEException {
    return sign(claims(subject, scope).build(), JWSAlgorithm.HS256, new MACSigner(secret), null);
  }

  private HttpResponse<String> list(String user, String token) {
    return token == null ? gateway.get(gateway.api() + "/" + user + "/channels")
        : gateway.send("GET", gateway.api() + "/" + user + "/channels", null, "Authorization", "Bearer " + token);
  }

  private static void assertUnauthorized(HttpResponse<String> response, String description) {
    assertEquals(401, response.statusCode(), response.body());
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    assertTrue(challenge.startsWith("Bearer realm=\"pushgate\""), challenge);
    if (description != null) {
      assertTrue(challenge.contains("error=\"invalid_token\"") && challenge.contains(description), challenge);
    }
    assertEquals("SVC0001", Json.parse(response.body()).get("requestError").get("serviceException").get("messageId").asText());
  }

  @Test
  void testSuccess_hs256RsAndEcTokens() throws Exception {
    assertEquals(200, list("alice", hs256("alice", Scopes.ALL)).statusCode());
    assertEquals(200, list("alice", sign(claims("alice", Scopes.ALL).build(), JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1")).statusCode());
    assertEquals(200, list("alice", sign(claims("alice", Scopes.ALL).build(), JWSAlgorithm.ES256, new ECDSASigner(ec), "ec-1")).statusCode());
  }

  @Test
  void testFailure_everyBadToken() throws Exception {
    assertUnauthorized(list("alice", null), null);
    assertFalse(list("alice", null).headers().firstValue("WWW-Authenticate").orElse("").contains("error="),
        "no error code when no token was sent (RFC 6750)");
    assertUnauthorized(gateway.send("GET", gateway.api() + "/alice/channels", null, "Authorization", "Basic YWxpY2U6eA=="),
        "Bearer");
    assertUnauthorized(list("alice", "not.a.jwt"), "malformed token");
    assertUnauthorized(list("alice", sign(claims("alice", Scopes.ALL).build(), JWSAlgorithm.HS256,
        new MACSigner(new byte[32]), null)), "signature invalid");
    Instant now = Instant.now();
    assertUnauthorized(list("alice", sign(claims("alice", Scopes.ALL).expirationTime(Date.from(now.minusSeconds(120))).build(),
        JWSAlgorithm.HS256, new MACSigner(secret), null)), "token expired");
    assertUnauthorized(list("alice", sign(claims("alice", Scopes.ALL).notBeforeTime(Date.from(now.plusSeconds(600))).build(),
        JWSAlgorithm.HS256, new MACSigner(secret), null)), "not yet valid");
    assertUnauthorized(list("alice", new PlainJWT(claims("alice", Scopes.ALL).build()).serialize()), "alg none");
    byte[] longSecret = new byte[64];
    System.arraycopy(secret, 0, longSecret, 0, secret.length);
    assertUnauthorized(list("alice", sign(claims("alice", Scopes.ALL).build(), JWSAlgorithm.HS512, new MACSigner(longSecret), null)),
        "not accepted");
    assertUnauthorized(list("alice", sign(new JWTClaimsSet.Builder().subject("alice").claim("scope", Scopes.ALL).build(),
        JWSAlgorithm.HS256, new MACSigner(secret), null)), "lacks sub or exp");
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    assertUnauthorized(list("alice", sign(claims("alice", Scopes.ALL).build(), JWSAlgorithm.RS256, new RSASSASigner(stranger),
        "rsa-1")), "signature invalid");
  }

  @Test
  void testMetrics_tokenCacheLookupsAndTokensCached() throws Exception {
    MeterRegistry registry = gateway.component().gatewayMetrics().registry();
    double hits = tokenLookups(registry, "hit");
    double misses = tokenLookups(registry, "miss");
    double cached = registry.get("pushgate.auth.cache.tokens").gauge().value();
    // a user no other test has, so no other test can have sent the same token in the same second
    String cacheUser = hs256("cache-user", Scopes.ALL);

    assertEquals(200, list("cache-user", cacheUser).statusCode());
    assertEquals(misses + 1, tokenLookups(registry, "miss"), "a new token is a miss");
    assertEquals(cached + 1, registry.get("pushgate.auth.cache.tokens").gauge().value(), "and is cached");
    assertEquals(200, list("cache-user", cacheUser).statusCode());
    assertEquals(200, list("cache-user", cacheUser).statusCode());
    assertEquals(hits + 2, tokenLookups(registry, "hit"));
    assertUnauthorized(list("cache-user", "not.a.jwt"), "malformed token");
    assertEquals(misses + 2, tokenLookups(registry, "miss"), "a refused token is a miss");
    assertEquals(cached + 1, registry.get("pushgate.auth.cache.tokens").gauge().value(), "and is not cached");
  }

  private static double tokenLookups(MeterRegistry registry, String outcome) {
    return registry.get("pushgate.auth.cache.lookups").tag("outcome", outcome).counter().count();
  }

  @Test
  void testFailure_aFullVerificationExecutorAnswers503AndChangesNothing() throws Exception {
    String frank = hs256("frank", Scopes.ALL); // frank's first token: not verified yet, so not cached
    HttpResponse<String> refused;
    try (HeldCpuExecutor held = HeldCpuExecutor.hold(gateway.component().cpuExecutor())) {
      refused = gateway.send("POST", gateway.api() + "/frank/channels",
          "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}", "Content-Type", "application/json",
          "Authorization", "Bearer " + frank);
    }
    assertEquals(503, refused.statusCode(), refused.body());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
    assertEquals("SVC0001", Json.parse(refused.body()).get("requestError").get("serviceException").get("messageId").asText());
    HttpResponse<String> listed = list("frank", frank);
    assertEquals(200, listed.statusCode(), "the same token, verified once the executor has room: " + listed.body());
    assertNull(Json.parse(listed.body()).get("notificationChannelList").get("notificationChannel"), "no channel was made");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET | /notificationchannel/v1/bob/channels",
      "POST | /notificationchannel/v1/bob/channels",
      "GET | /notificationchannel/v1/bob/channels/CHANNEL",
      "DELETE | /notificationchannel/v1/bob/channels/CHANNEL",
      "GET | /notificationchannel/v1/bob/channels/CHANNEL/channelLifetime",
      "PUT | /notificationchannel/v1/bob/channels/CHANNEL/channelLifetime",
      "GET | /movies/v1/bob/subscriptions",
      "POST | /movies/v1/bob/subscriptions",
      "GET | /movies/v1/bob/subscriptions/SUBSCRIPTION",
      "DELETE | /movies/v1/bob/subscriptions/SUBSCRIPTION"})
  void testFailure_aliceCannotTouchBobs(String method, String path) throws Exception {
    String bob = hs256("bob", String.join(" ", Scopes.EVERYTHING));
    HttpResponse<String> created = gateway.send("POST", gateway.api() + "/bob/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}", "Content-Type", "application/json",
        "Authorization", "Bearer " + bob);
    assertEquals(201, created.statusCode(), created.body());
    String channelUrl = Json.parse(created.body()).get("notificationChannel").get("resourceURL").asText();
    String channelId = channelUrl.substring(channelUrl.lastIndexOf('/') + 1);
    HttpResponse<String> subscribed = gateway.send("POST", gateway.baseUrl() + "/movies/v1/bob/subscriptions",
        "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"http://127.0.0.1:9/x\"}}}",
        "Content-Type", "application/json", "Authorization", "Bearer " + bob);
    assertEquals(201, subscribed.statusCode(), subscribed.body());
    String subscriptionUrl = subscribed.headers().firstValue("Location").orElseThrow();
    String subscriptionId = subscriptionUrl.substring(subscriptionUrl.lastIndexOf('/') + 1);

    String alice = hs256("alice", String.join(" ", Scopes.EVERYTHING));
    String url = gateway.baseUrl() + path.replace("CHANNEL", channelId).replace("SUBSCRIPTION", subscriptionId);
    HttpResponse<String> response = gateway.send(method, url, method.equals("GET") || method.equals("DELETE") ? null : "{}",
        "Content-Type", "application/json", "Authorization", "Bearer " + alice);
    assertEquals(403, response.statusCode(), response.body());
    assertEquals("POL0001", Json.parse(response.body()).get("requestError").get("policyException").get("messageId").asText());
    // and bob's things are untouched
    assertEquals(200, gateway.send("GET", channelUrl, null, "Authorization", "Bearer " + bob).statusCode());
    assertEquals(200, gateway.send("GET", subscriptionUrl, null, "Authorization", "Bearer " + bob).statusCode());
  }

  @Test
  void testScopes() throws Exception {
    String longpollOnly = hs256("carol", Scopes.LONGPOLL);
    HttpResponse<String> refused = gateway.send("POST", gateway.api() + "/carol/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}", "Content-Type", "application/json",
        "Authorization", "Bearer " + longpollOnly);
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
    assertEquals(201, gateway.send("POST", gateway.api() + "/carol/channels",
        "{\"notificationChannel\": {\"channelType\": \"LongPolling\"}}", "Content-Type", "application/json",
        "Authorization", "Bearer " + longpollOnly).statusCode());
    // movies: reading is open, changing needs pushgate.movies.write
    assertEquals(200, gateway.get(gateway.baseUrl() + "/movies/v1/movies").statusCode());
    String patch = "{\"movie\": {\"rating\": \"PG\"}}";
    assertEquals(401, gateway.send("PATCH", gateway.baseUrl() + "/movies/v1/movies/blue-hour", patch,
        "Content-Type", "application/json").statusCode());
    assertEquals(403, gateway.send("PATCH", gateway.baseUrl() + "/movies/v1/movies/blue-hour", patch,
        "Content-Type", "application/json", "Authorization", "Bearer " + hs256("carol", Scopes.ALL)).statusCode());
    assertEquals(200, gateway.send("PATCH", gateway.baseUrl() + "/movies/v1/movies/blue-hour", patch,
        "Content-Type", "application/json", "Authorization", "Bearer " + hs256("studio", Scopes.MOVIES_WRITE)).statusCode());
  }

  @Test
  void testAcrAuthStandsForTheTokensOwnUser() throws Exception {
    String dave = hs256("acr:pseudonym-dave", Scopes.ALL);
    HttpResponse<String> created = gateway.send("POST", gateway.api() + "/acr%3Aauth/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}", "Content-Type", "application/json",
        "Authorization", "Bearer " + dave);
    assertEquals(201, created.statusCode(), created.body());
    JsonNode list = Json.parse(list("acr%3Apseudonym-dave", dave).body()).get("notificationChannelList");
    assertEquals(1, list.get("notificationChannel").size());
    assertEquals(1, Json.parse(gateway.send("GET", gateway.api() + "/acr%3Aauth/channels", null,
        "Authorization", "Bearer " + dave).body()).get("notificationChannelList").get("notificationChannel").size());
  }

  @Test
  void testCapabilityUrlsNeedNoTokenButEveryCharacterCounts() throws Exception {
    String erin = hs256("erin", Scopes.ALL);
    HttpResponse<String> created = gateway.send("POST", gateway.api() + "/erin/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\"}}", "Content-Type", "application/json",
        "Authorization", "Bearer " + erin);
    JsonNode channel = Json.parse(created.body()).get("notificationChannel");
    String callback = channel.get("callbackURL").asText();
    String channelUrl = channel.get("channelData").get("channelURL").asText();
    try (WsClient ws = WsClient.connect(channelUrl)) {
      assertEquals(204, gateway.postJson(callback, "{\"x\": {}}").statusCode(), "no token needed");
      assertTrue(ws.next(java.time.Duration.ofSeconds(10)).contains("\"x\""));
    }
    assertEquals(404, gateway.postJson(oneCharacterChanged(callback), "{\"x\": {}}").statusCode());
    assertEquals(404, assertThrows(WsClient.Refused.class, () -> WsClient.connect(oneCharacterChanged(channelUrl))).status());
    HttpResponse<String> lp = gateway.send("POST", gateway.api() + "/erin/channels",
        "{\"notificationChannel\": {\"channelType\": \"LongPolling\"}}", "Content-Type", "application/json",
        "Authorization", "Bearer " + erin);
    String pollUrl = Json.parse(lp.body()).get("notificationChannel").get("channelData").get("channelURL").asText();
    assertEquals(404, gateway.send("POST", oneCharacterChanged(pollUrl), null).statusCode());
  }

  private static String oneCharacterChanged(String url) {
    char last = url.charAt(url.length() - 1);
    return url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A');
  }
}
