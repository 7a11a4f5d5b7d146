package io.pushgate.gateway.auth;

import io.pushgate.gateway.metrics.GatewayMetrics;
import io.pushgate.gateway.metrics.GatewayMetrics.TokenLookup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens verified lately, so that a client's every request does not pay a signature check. A
 * lookup is a hash map read: fine on an event loop. What an entry may do:
 *
 * <ul>
 *   <li>It is keyed by the exact token string, so a hit needs the presented token to equal a verified
 *       one character for character: no other token can be taken for it. (The map compares two tokens
 *       only when their 32-bit hashes already match, which no one can aim at without the token itself,
 *       so the comparison's timing gives nothing away.)
 *   <li>It serves until the token's {@code exp} or {@link #MAX_AGE} after it was verified, whichever
 *       comes first, never later. Past {@code exp} the token goes back to the verifier, which accepts it
 *       for its 60 s of skew and refuses it after, as without this cache.
 *   <li>It serves only while the JWKS key that verified it is published: the refresh that withdraws a
 *       key drops, at once, every entry that key verified ({@link #keysInForce}), so the token's next
 *       use goes back to the verifier, which refuses it. Nor is a token verified with the old keys
 *       just before that refresh stored after it: a store checks the keys in force, under the same lock
 *       as the refresh. A token the signing secret verified (HS256) is not affected: the secret is
 *       never refreshed.
 *   <li>Only verified tokens are stored: a refused one is verified, and refused, each time.
 * </ul>
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} tokens of at most {@link #MAX_TOKEN_CHARS} characters (about
 * 40 MB at the very worst, about 10 MB for tokens of a kilobyte). When it is full, the entries past their
 * time are dropped (at most once a second); if none is, the new token is not cached and is verified
 * again on its next use. A longer token is never cached (nor looked up): it is always verified.
 */
@Singleton
final class VerifiedTokens implements JwksKeys.KeysInForce {
  static final int MAX_ENTRIES = 10_000;
  /** Far above a JWT with a few dozen claims; bounds what one entry may hold. */
  static final int MAX_TOKEN_CHARS = 4_096;
  static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final long SWEEP_EVERY_MILLIS = 1_000;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final GatewayMetrics metrics;
  /** Under this object's lock, like every write. */
  private long nextSweep = Long.MIN_VALUE;
  /** The JWKS keys a stored token may have been verified with; under this object's lock. */
  private Set<PublishedKey> inForce = Set.of();

  @Inject
  VerifiedTokens(Clock clock, GatewayMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * The principal of {@code token} if it was verified and its entry still serves; null otherwise.
   * Counted as a hit or a miss (a miss is what costs the caller a signature check).
   */
  Principal get(String token) {
    Principal principal = lookUp(token);
    metrics.tokenLookup(principal == null ? TokenLookup.miss : TokenLookup.hit);
    return principal;
  }

  private Principal lookUp(String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return null;
    }
    Entry entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    if (clock.millis() >= entry.servesUntil) {
      entries.remove(token, entry);
      return null;
    }
    return entry.principal;
  }

  /**
   * Remembers a token the verifier has just accepted. Called off the event loops, after the signature
   * check: the lock, and a sweep when full, cost little beside it.
   */
  synchronized void put(String token, VerifiedToken verified) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return;
    }
    long now = clock.millis();
    long servesUntil = Math.min(verified.expiresAt().toEpochMilli(), now + MAX_AGE.toMillis());
    if (servesUntil <= now) {
      return; // accepted within the verifier's clock skew only: nothing to reuse
    }
    if (verified.verifiedWith() != null && !inForce.contains(verified.verifiedWith())) {
      return; // verified with keys read just before a refresh withdrew this one
    }
    if (entries.size() >= MAX_ENTRIES && !entries.containsKey(token)) {
      if (now < nextSweep) {
        return;
      }
      nextSweep = now + SWEEP_EVERY_MILLIS;
      entries.values().removeIf(entry -> now >= entry.servesUntil);
      if (entries.size() >= MAX_ENTRIES) {
        return;
      }
    }
    entries.put(token, new Entry(verified.principal(), servesUntil, verified.verifiedWith()));
  }

  /**
   * The JWKS now publishes {@code keys} (at start, and after each refresh, on the refresher's thread):
   * drops every entry verified with another key and answers how many. A pass over at most
   * {@link #MAX_ENTRIES} entries, once per refresh, off the event loops.
   */
  @Override
  public synchronized int keysInForce(Set<PublishedKey> keys) {
    inForce = Set.copyOf(keys);
    int dropped = 0;
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      PublishedKey key = it.next().verifiedWith;
      if (key != null && !inForce.contains(key)) {
        it.remove();
        dropped++;
      }
    }
    return dropped;
  }

  int size() {
    return entries.size();
  }

  /** {@code verifiedWith} is null for a token the signing secret verified. */
  private record Entry(Principal principal, long servesUntil, PublishedKey verifiedWith) {}
}
