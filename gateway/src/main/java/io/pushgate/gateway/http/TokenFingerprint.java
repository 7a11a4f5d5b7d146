package io.pushgate.gateway.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The rate limiter's key for a bearer token: a 64-bit fingerprint of the whole {@code Authorization}
 * header, computed on the event loop before the token is verified. Neither the header (up to 16 KB,
 * perhaps a valid secret) nor anything it could be read back from is kept in the limiter's map.
 *
 * <p>Not SHA-256: its rounds cost several times as much per byte, for every management request, on the
 * loop; here it is four independent multiplies per 32 bytes. The limiter needs no collision resistance.
 * Two headers with the same fingerprint only share a bucket, as every key past the limiter's bound
 * shares its overflow bucket, and one header cannot be aimed at another's bucket without knowing that
 * header. The seed, random per process, makes a fingerprint meaningless outside this process and keeps
 * colliding headers from being worked out in advance.
 */
final class TokenFingerprint {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long SEED = new SecureRandom().nextLong();
  /** 2^64 divided by the golden ratio: odd, so multiplying by it loses nothing. */
  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

  private TokenFingerprint() {}

  /** The rate limiter key of {@code authorization}: {@code t:} and the fingerprint in hex. */
  static String rateKey(String authorization) {
    return "t:" + Long.toHexString(of(authorization));
  }

  /**
   * The fingerprint. Headers of one length that differ in one byte never share it: every step below
   * is a bijection of its state for a given input, and a single byte changes a single step.
   */
  static long of(String header) {
    byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
    long a = SEED ^ (bytes.length * MULTIPLIER);
    long b = a ^ 1;
    long c = a ^ 2;
    long d = a ^ 3;
    int i = 0;
    // four lanes, so the multiplies overlap instead of each waiting for the one before
    for (; i + 4 * Long.BYTES <= bytes.length; i += 4 * Long.BYTES) {
      a = step(a, (long) LONGS.get(bytes, i));
      b = step(b, (long) LONGS.get(bytes, i + Long.BYTES));
      c = step(c, (long) LONGS.get(bytes, i + 2 * Long.BYTES));
      d = step(d, (long) LONGS.get(bytes, i + 3 * Long.BYTES));
    }
    long h = step(step(step(a, b), c), d);
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      h = step(h, (long) LONGS.get(bytes, i));
    }
    for (; i < bytes.length; i++) {
      h = step(h, bytes[i] & 0xFF);
    }
    // MurmurHash3's finalizer, also a bijection: every input bit reaches every output bit
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  /** A bijection of {@code state} for a given {@code word}, and of {@code word} for a given state. */
  private static long step(long state, long word) {
    return Long.rotateLeft((state ^ word) * MULTIPLIER, 29);
  }
}
