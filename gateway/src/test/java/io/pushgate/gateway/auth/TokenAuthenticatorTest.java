package io.pushgate.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.GatewayConfigs;
import io.pushgate.gateway.HeldCpuExecutor;
import io.pushgate.gateway.ServerBusyException;
import io.pushgate.gateway.SettableClock;
import io.pushgate.gateway.metrics.GatewayMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bearer tokens are verified once, off the event loops, and a cached one is never used past its
 * {@code exp}: the real verifier and CPU executor, with a settable clock and a count of verifications.
 */
@Timeout(60)
class TokenAuthenticatorTest {
  private static final String SECRET = "a test signing secret of at least 32 bytes";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final AtomicInteger verifications = new AtomicInteger();
  private final List<Thread> verifiedOn = new CopyOnWriteArrayList<>();
  private GatewayComponent component;
  private TokenVerifier verifier;
  private TokenAuthenticator authenticator;

  @BeforeEach
  void setUp() {
    GatewayConfig config = GatewayConfigs.withJwtSecret(SECRET);
    component = GatewayComponent.create(config);
    VerifiedTokens verified = new VerifiedTokens(clock, new GatewayMetrics(new SimpleMeterRegistry()));
    verifier = new TokenVerifier(config, clock, verified);
    verifier.start();
    authenticator = new TokenAuthenticator(token -> {
      verifications.incrementAndGet();
      verifiedOn.add(Thread.currentThread());
      return verifier.verify(token);
    }, verified, component.cpuExecutor());
  }

  @AfterEach
  void tearDown() {
    component.cpuExecutor().close();
    verifier.close();
  }

  private String token(String subject, Duration lifetime) throws JOSEException {
    return sign(new JWTClaimsSet.Builder().subject(subject).claim("scope", Scopes.ALL)
        .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plus(lifetime))).build());
  }

  private static String sign(JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private Principal authenticate(String token) throws Exception {
    return authenticator.authenticate("Bearer " + token).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private Throwable refusal(String token) {
    CompletableFuture<Principal> answer = authenticator.authenticate("Bearer " + token);
    return assertThrows(ExecutionException.class, () -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).getCause();
  }

  @Test
  void testSuccess_aRepeatedTokenIsVerifiedOnce() throws Exception {
    String alice = token("alice", Duration.ofMinutes(10));
    assertEquals("alice", authenticate(alice).subject());
    for (int i = 0; i < 5; i++) {
      CompletableFuture<Principal> again = authenticator.authenticate("Bearer " + alice);
      assertTrue(again.isDone(), "a token verified lately is answered at once, on the calling thread");
      assertEquals("alice", again.join().subject());
    }
    assertEquals(1, verifications.get());
    assertEquals("bob", authenticate(token("bob", Duration.ofMinutes(10))).subject());
    assertEquals(2, verifications.get(), "another token is verified for itself");
  }

  @Test
  void testFailure_anExpiredTokenIsRefusedThoughItWasCachedWhileValid() throws Exception {
    String alice = token("alice", Duration.ofSeconds(120));
    authenticate(alice);
    clock.advance(Duration.ofSeconds(119));
    authenticate(alice);
    assertEquals(1, verifications.get(), "cached while valid");
    clock.advance(Duration.ofSeconds(2));
    assertEquals("alice", authenticate(alice).subject(), "1 s past exp: within the verifier's 60 s of skew");
    assertEquals(2, verifications.get(), "past exp the verifier decides, not the cache");
    clock.advance(Duration.ofSeconds(60));
    Throwable refused = refusal(alice);
    assertInstanceOf(AuthenticationException.class, refused);
    assertEquals("token expired", refused.getMessage());
    assertEquals(3, verifications.get());
  }

  @Test
  void testFailure_refusedTokensAreNeverCached() throws Exception {
    String alice = token("alice", Duration.ofMinutes(10));
    authenticate(alice);
    // alice's signature on claims that name mallory
    String[] parts = alice.split("\\.");
    String payload = Base64URL.encode(new JWTClaimsSet.Builder().subject("mallory").claim("scope", Scopes.ALL)
        .expirationTime(Date.from(clock.instant().plusSeconds(600))).build().toString()).toString();
    String forged = parts[0] + "." + payload + "." + parts[2];
    for (int i = 0; i < 2; i++) {
      Throwable refused = refusal(forged);
      assertInstanceOf(AuthenticationException.class, refused);
      assertEquals("token signature invalid", refused.getMessage());
    }
    assertEquals(3, verifications.get(), "the cached token's signature did not let the forged one in, twice");
    // the valid token is still served from the cache
    assertTrue(authenticator.authenticate("Bearer " + alice).isDone());
    assertEquals(3, verifications.get());
  }

  @Test
  void testFailure_aFullExecutorRefusesAtOnceAndCachesNothing() throws Exception {
    String alice = token("alice", Duration.ofMinutes(10));
    try (HeldCpuExecutor held = HeldCpuExecutor.hold(component.cpuExecutor())) {
      CompletableFuture<Principal> answer = authenticator.authenticate("Bearer " + alice);
      assertTrue(answer.isCompletedExceptionally(), "refused at once, not queued");
      assertInstanceOf(ServerBusyException.class,
          assertThrows(ExecutionException.class, () -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).getCause());
    }
    assertEquals(0, verifications.get(), "nothing was verified");
    assertEquals("alice", authenticate(alice).subject());
    assertEquals(1, verifications.get(), "nor cached: the next request verifies the token");
  }

  @Test
  void testVerificationRunsOffTheEventLoopsAndAHitOnTheLoop() throws Exception {
    try {
      EventExecutor loop = component.eventLoops().group().next();
      String alice = token("alice", Duration.ofMinutes(10));
      CompletableFuture<Principal> first =
          loop.submit(() -> authenticator.authenticate("Bearer " + alice)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals("alice", first.get(WAIT.toSeconds(), TimeUnit.SECONDS).subject());
      Thread verifying = verifiedOn.get(0);
      for (EventExecutor each : component.eventLoops().group()) {
        assertFalse(each.inEventLoop(verifying), "verified on event loop " + verifying.getName());
      }
      assertTrue(verifying.getName().startsWith("pushgate-cpu-"), verifying.getName());
      CompletableFuture<Principal> hit =
          loop.submit(() -> authenticator.authenticate("Bearer " + alice)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(hit.isDone(), "a cached token is answered on the loop itself, at once");
      assertEquals(1, verifications.get());
    } finally {
      component.eventLoops().close();
    }
  }

  @Test
  void testFailure_verifyingOnAnEventLoopIsCaught() throws Exception {
    // the guard that keeps every other path honest (tests run with -ea, see the parent pom)
    String alice = token("alice", Duration.ofMinutes(10));
    try {
      Future<VerifiedToken> onLoop = component.eventLoops().group().next().submit(() -> verifier.verify(alice));
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> onLoop.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertInstanceOf(AssertionError.class, failed.getCause());
    } finally {
      component.eventLoops().close();
    }
  }
}
