package io.pushgate.gateway.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The lookup key of a capability token (callbackURL, channelURL): its SHA-256, hex. Channels are found
 * by this key, in memory and in the database, so no lookup's timing depends on the secret itself; the
 * token found is then confirmed with {@link #matches}, which takes the same time whatever the bytes.
 * One SHA-256 of 24 bytes costs about a microsecond: fine on an event loop.
 */
public final class CapabilityKey {
  /** One digest per thread: looking one up in the JCA providers costs more than the hashing. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });
  private static final HexFormat HEX = HexFormat.of();

  private CapabilityKey() {}

  public static String of(String token) {
    byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)); // digest() also resets it
    return HEX.formatHex(digest);
  }

  /** Constant-time comparison of a stored token with a presented one. */
  public static boolean matches(String stored, String presented) {
    return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
