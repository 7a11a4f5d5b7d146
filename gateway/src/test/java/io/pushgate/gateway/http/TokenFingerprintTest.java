package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rate limiter's token key: the same for the same header, another for any other, and no secret in it. */
class TokenFingerprintTest {
  private static String header(int length, long seed) {
    Random random = new Random(seed);
    StringBuilder header = new StringBuilder("Bearer ");
    while (header.length() < length) {
      header.append((char) ('A' + random.nextInt(58)));
    }
    return header.toString();
  }

  @Test
  void testSameHeaderSameKey() {
    String header = header(900, 1);
    assertEquals(TokenFingerprint.of(header), TokenFingerprint.of(new String(header.toCharArray())));
    assertEquals(TokenFingerprint.rateKey(header), TokenFingerprint.rateKey(header));
  }

  @Test
  void testFailure_oneChangedByteAnywhereChangesTheKey() {
    // every position: the four lanes, the eight-byte tail words and the last single bytes
    for (int length : new int[] {7, 8, 31, 32, 33, 100, 16 * 1024}) {
      char[] header = header(length, length).toCharArray();
      long original = TokenFingerprint.of(new String(header));
      for (int i = 0; i < header.length; i++) {
        char kept = header[i];
        header[i] = kept == 'x' ? 'y' : 'x';
        assertNotEquals(original, TokenFingerprint.of(new String(header)), "length " + length + ", byte " + i);
        header[i] = kept;
      }
    }
  }

  @Test
  void testFailure_otherHeadersGetOtherKeys() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(TokenFingerprint.of(header(40 + i % 300, i)));
      seen.add(TokenFingerprint.of("Bearer " + "a".repeat(i)));
    }
    assertEquals(20_000, seen.size());
  }

  @Test
  void testTheKeyHoldsNothingOfTheToken() {
    String header = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    String key = TokenFingerprint.rateKey(header);
    assertTrue(key.matches("t:[0-9a-f]{1,16}"), key);
  }
}
