package io.pushgate.gateway.auth;

import java.time.Clock;
import java.time.Duration;
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
 *       for its 60 s of skew and refuses it after, as without this cache. The age bound limits how long
 *       a key withdrawn from the JWKS still lets its tokens in to five minutes beyond the JWKS refresh.
 *   <li>Only verified tokens are stored: a refused one is verified, and refused, each time.
 * </ul>
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} tokens of at most {@link #MAX_TOKEN_CHARS} characters (about
 * 40 MB at the very worst, about 10 MB for tokens of a kilobyte). When it is full, the entries past their
 * time are dropped (at most once a second); if none is, the new token is not cached and is verified
 * again on its next use. A longer token is never cached (nor looked up): it is always verified.
 */
final class VerifiedTokens {
  static final int MAX_ENTRIES = 10_000;
  /** Far above a JWT with a few dozen claims; bounds what one entry may hold. */
  static final int MAX_TOKEN_CHARS = 4_096;
  static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final long SWEEP_EVERY_MILLIS = 1_000;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  /** Under this object's lock, like every write. */
  private long nextSweep = Long.MIN_VALUE;

  VerifiedTokens(Clock clock) {
    this.clock = clock;
  }

  /** The principal of {@code token} if it was verified and its entry still serves; null otherwise. */
  Principal get(String token) {
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
    entries.put(token, new Entry(verified.principal(), servesUntil));
  }

  int size() {
    return entries.size();
  }

  private record Entry(Principal principal, long servesUntil) {}
}
