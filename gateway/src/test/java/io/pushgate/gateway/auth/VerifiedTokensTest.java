package io.pushgate.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushgate.gateway.SettableClock;
import io.pushgate.gateway.metrics.GatewayMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the cache of verified tokens may answer, for how long, and how much of it there is. */
class VerifiedTokensTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final Principal ALICE = Principal.of("alice", Set.of("s"));

  private final SettableClock clock = new SettableClock(START);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final VerifiedTokens tokens = new VerifiedTokens(clock, new GatewayMetrics(registry));

  private static VerifiedToken expiringIn(Duration lifetime) {
    return new VerifiedToken(ALICE, START.plus(lifetime));
  }

  @Test
  void testSuccess_servesUntilExpNotAMomentLater() {
    tokens.put("t1", expiringIn(Duration.ofSeconds(120)));
    clock.advance(Duration.ofSeconds(120).minusMillis(1));
    assertEquals(ALICE, tokens.get("t1"));
    clock.advance(Duration.ofMillis(1));
    assertNull(tokens.get("t1"), "at exp the token goes back to the verifier");
    assertEquals(0, tokens.size(), "and its entry is gone");
  }

  @Test
  void testSuccess_servesAtMostFiveMinutesWhateverTheExp() {
    tokens.put("t1", expiringIn(Duration.ofDays(1)));
    clock.advance(VerifiedTokens.MAX_AGE.minusMillis(1));
    assertEquals(ALICE, tokens.get("t1"));
    clock.advance(Duration.ofMillis(1));
    assertNull(tokens.get("t1"));
  }

  @Test
  void testFailure_onlyTheExactTokenIsAHit() {
    String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    tokens.put(token, expiringIn(Duration.ofHours(1)));
    assertEquals(ALICE, tokens.get(new String(token.toCharArray())), "an equal string, not the same object");
    assertNull(tokens.get(token.substring(0, token.length() - 1) + "M"), "last character changed");
    assertNull(tokens.get(token.substring(0, token.length() - 1)), "a prefix");
    assertNull(tokens.get(token + "x"), "an extension");
    assertNull(tokens.get(" " + token), "the same characters, offset");
  }

  @Test
  void testFailure_aTokenAlreadyPastExpIsNotCached() {
    // accepted within the verifier's clock skew: there is nothing to reuse
    tokens.put("late", new VerifiedToken(ALICE, START.minusSeconds(30)));
    assertEquals(0, tokens.size());
    assertNull(tokens.get("late"));
  }

  @Test
  void testFailure_aLongTokenIsNeverCached() {
    String longToken = "x".repeat(VerifiedTokens.MAX_TOKEN_CHARS + 1);
    tokens.put(longToken, expiringIn(Duration.ofHours(1)));
    assertEquals(0, tokens.size());
    assertNull(tokens.get(longToken));
    String longest = "y".repeat(VerifiedTokens.MAX_TOKEN_CHARS);
    tokens.put(longest, expiringIn(Duration.ofHours(1)));
    assertEquals(ALICE, tokens.get(longest), "up to the bound, it is");
  }

  @Test
  void testFailure_aWithdrawnKeyDropsTheTokensItVerifiedAtOnce() {
    PublishedKey keyA = new PublishedKey("a", "thumbprint-a");
    PublishedKey keyB = new PublishedKey("b", "thumbprint-b");
    assertEquals(0, tokens.keysInForce(Set.of(keyA, keyB)));
    tokens.put("by-a", new VerifiedToken(ALICE, START.plusSeconds(3600), keyA));
    tokens.put("by-b", new VerifiedToken(ALICE, START.plusSeconds(3600), keyB));
    tokens.put("by-secret", expiringIn(Duration.ofHours(1)));
    assertEquals(3, tokens.size());

    assertEquals(1, tokens.keysInForce(Set.of(keyB)), "one token was verified with the withdrawn key");
    assertNull(tokens.get("by-a"), "it goes back to the verifier");
    assertEquals(ALICE, tokens.get("by-b"), "a key still in force keeps its tokens");
    assertEquals(ALICE, tokens.get("by-secret"), "the signing secret is never withdrawn");
  }

  @Test
  void testFailure_aTokenVerifiedWithAKeyNoLongerInForceIsNotCached() {
    // verified with the keys read just before a refresh withdrew its key, stored just after it
    PublishedKey withdrawn = new PublishedKey("a", "thumbprint-a");
    tokens.keysInForce(Set.of(new PublishedKey("b", "thumbprint-b")));
    tokens.put("by-a", new VerifiedToken(ALICE, START.plusSeconds(3600), withdrawn));
    assertEquals(0, tokens.size());
    assertNull(tokens.get("by-a"));
  }

  private double lookups(String outcome) {
    return registry.get("pushgate.auth.cache.lookups").tag("outcome", outcome).counter().count();
  }

  @Test
  void testMetrics_everyLookupIsAHitOrAMiss() {
    assertNull(tokens.get("t1"));
    tokens.put("t1", expiringIn(Duration.ofSeconds(120)));
    assertEquals(ALICE, tokens.get("t1"));
    assertEquals(ALICE, tokens.get("t1"));
    assertNull(tokens.get("x".repeat(VerifiedTokens.MAX_TOKEN_CHARS + 1)), "too long to be cached: verified");
    clock.advance(Duration.ofSeconds(120));
    assertNull(tokens.get("t1"), "past exp");
    assertEquals(2, lookups("hit"));
    assertEquals(3, lookups("miss"));
  }

  @Test
  void testBound_fullCachesNothingNewUntilEntriesExpire() {
    for (int i = 0; i < VerifiedTokens.MAX_ENTRIES; i++) {
      tokens.put("token-" + i, expiringIn(Duration.ofSeconds(60)));
    }
    assertEquals(VerifiedTokens.MAX_ENTRIES, tokens.size());
    tokens.put("one-more", expiringIn(Duration.ofHours(1)));
    assertEquals(VerifiedTokens.MAX_ENTRIES, tokens.size(), "never above the bound");
    assertNull(tokens.get("one-more"), "not cached: it will be verified again");
    assertEquals(ALICE, tokens.get("token-0"), "what was cached stays");
    tokens.put("token-0", expiringIn(Duration.ofSeconds(90)));
    assertEquals(VerifiedTokens.MAX_ENTRIES, tokens.size(), "a token already held may be renewed when full");

    clock.advance(Duration.ofSeconds(61));
    tokens.put("one-more", expiringIn(Duration.ofHours(1)));
    assertEquals(ALICE, tokens.get("one-more"), "entries past their time made room");
    assertEquals(ALICE, tokens.get("token-0"), "one still serving was kept");
    assertEquals(2, tokens.size());
  }
}
