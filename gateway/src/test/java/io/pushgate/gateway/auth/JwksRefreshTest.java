package io.pushgate.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.GatewayConfigs;
import io.pushgate.gateway.SettableClock;
import io.pushgate.gateway.metrics.GatewayMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A key the identity provider withdraws stops letting its tokens in at the JWKS refresh that withdraws
 * it, although they were cached: a real {@code --jwks-url} served over loopback, whose key set the test
 * changes before it triggers the refresh.
 */
@Timeout(60)
class JwksRefreshTest {
  private static final String SECRET = "a test signing secret of at least 32 bytes";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final AtomicReference<String> served = new AtomicReference<>();
  private final AtomicInteger verifications = new AtomicInteger();
  private ECKey keyA;
  private ECKey keyB;
  private HttpServer provider;
  private GatewayComponent component;
  private VerifiedTokens verified;
  private TokenVerifier verifier;
  private TokenAuthenticator authenticator;

  @BeforeEach
  void setUp() throws Exception {
    keyA = new ECKeyGenerator(Curve.P_256).keyID("key-a").generate();
    keyB = new ECKeyGenerator(Curve.P_256).keyID("key-b").generate();
    provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext("/jwks.json", exchange -> {
      byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    provider.start();
  }

  /** Starts the verifier on the provider's keys as they are served now. */
  private void startVerifier() {
    URI jwksUrl = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks.json");
    GatewayConfig config = GatewayConfigs.withJwksUrl(SECRET, jwksUrl);
    component = GatewayComponent.create(config);
    verified = new VerifiedTokens(clock, new GatewayMetrics(new SimpleMeterRegistry()));
    verifier = new TokenVerifier(config, clock, verified);
    verifier.start();
    authenticator = new TokenAuthenticator(token -> {
      verifications.incrementAndGet();
      return verifier.verify(token);
    }, verified, component.cpuExecutor());
  }

  @AfterEach
  void tearDown() throws IOException {
    if (component != null) {
      component.cpuExecutor().close();
      verifier.close();
    }
    provider.stop(0);
  }

  private void serve(JWK... keys) {
    served.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
  }

  private JWTClaimsSet claims() {
    return new JWTClaimsSet.Builder().subject("alice").claim("scope", Scopes.ALL)
        .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(3600))).build();
  }

  /** An ES256 token for alice, naming the key's kid or, with {@code withKid} false, none. */
  private String token(ECKey key, boolean withKid) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(withKid ? key.getKeyID() : null)
        .build(), claims());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private Principal authenticate(String token) throws Exception {
    return authenticator.authenticate("Bearer " + token).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Authenticates a token that must be cached: answered at once, with no verification. */
  private void assertCached(String token) {
    int before = verifications.get();
    CompletableFuture<Principal> answer = authenticator.authenticate("Bearer " + token);
    assertTrue(answer.isDone(), "a cached token is answered at once");
    assertEquals("alice", answer.join().subject());
    assertEquals(before, verifications.get(), "and not verified again");
  }

  /** Authenticates a token that the verifier must refuse, for {@code reason}. */
  private void assertRefused(String token, String reason) {
    CompletableFuture<Principal> answer = authenticator.authenticate("Bearer " + token);
    Throwable refused =
        assertThrows(ExecutionException.class, () -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).getCause();
    assertInstanceOf(AuthenticationException.class, refused);
    assertEquals(reason, refused.getMessage());
  }

  @Test
  void testFailure_aCachedTokenOfAWithdrawnKeyIsRefusedFromTheRefreshOn() throws Exception {
    serve(keyA);
    startVerifier();
    String signedWithA = token(keyA, true);
    assertEquals("alice", authenticate(signedWithA).subject());
    assertCached(signedWithA);
    assertEquals(1, verifications.get());

    serve(keyB); // the provider rotates A out
    verifier.refreshKeys();
    assertRefused(signedWithA, "token algorithm or key not accepted");
    assertEquals(2, verifications.get(), "the cache sent the token back to the verifier");
    assertEquals(0, authenticator.cachedTokens());
    assertEquals("alice", authenticate(token(keyB, true)).subject(), "the key in force verifies");
  }

  @Test
  void testFailure_aTokenWithoutKidGoesWithTheKeyThatVerifiedItNotWithAnother() throws Exception {
    serve(keyA, keyB); // a token without kid is checked against both: B, the second, verifies it
    startVerifier();
    String signedWithB = token(keyB, false);
    authenticate(signedWithB);
    assertCached(signedWithB);

    serve(keyB);
    verifier.refreshKeys();
    assertCached(signedWithB); // A went, but B verified it

    serve(keyA);
    verifier.refreshKeys();
    assertRefused(signedWithB, "token signature invalid");
    assertEquals(2, verifications.get());
  }

  @Test
  void testFailure_aKidPublishedAgainForOtherKeyMaterialIsAnotherKey() throws Exception {
    serve(keyA);
    startVerifier();
    String signedWithA = token(keyA, true);
    authenticate(signedWithA);

    ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(keyA.getKeyID()).generate();
    serve(impostor);
    verifier.refreshKeys();
    assertRefused(signedWithA, "token signature invalid");
    assertEquals(2, verifications.get());
  }

  @Test
  void testSuccess_aRefreshThatKeepsTheKeyKeepsItsTokens() throws Exception {
    serve(keyA);
    startVerifier();
    String signedWithA = token(keyA, true);
    SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
    hs256.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    String signedWithSecret = hs256.serialize();
    authenticate(signedWithA);
    authenticate(signedWithSecret);

    serve(keyB, keyA); // a rotation that adds B
    verifier.refreshKeys();
    assertCached(signedWithA);
    serve(keyB);
    verifier.refreshKeys();
    assertCached(signedWithSecret); // the signing secret is not the JWKS's to withdraw
    assertEquals(1, authenticator.cachedTokens());
  }
}
