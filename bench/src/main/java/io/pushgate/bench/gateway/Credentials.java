package io.pushgate.bench.gateway;

import io.pushgate.gateway.auth.TokenIssuer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens the harness shows the gateway's REST API: one per user, signed HS256 with the
 * gateway's secret (the gateway's own {@link TokenIssuer}), carrying every scope the harness needs.
 * Capability URLs (callbackURL, channelURL) need none. Without a secret no token is sent, which suits
 * a gateway run with {@code --auth none}.
 */
public final class Credentials {
  /** Channels, movie writes, movie subscriptions. */
  static final List<String> SCOPES =
      List.of("oma_rest_notificationchannel.all_v1", "pushgate.movies.write", "pushgate.movies.subscribe");
  /** The user that changes movies in fanout. */
  public static final String ADMIN = "bench-admin";
  /** Long enough for any run; the tokens live in this process only. */
  private static final Duration TTL = Duration.ofHours(12);

  private final byte[] secret;
  private final ConcurrentHashMap<String, String> tokens = new ConcurrentHashMap<>();

  private Credentials(byte[] secret) {
    this.secret = secret;
  }

  /** No tokens at all. */
  public static Credentials none() {
    return new Credentials(null);
  }

  /** Tokens signed with {@code secret}, the bytes the gateway signs with. */
  public static Credentials hs256(byte[] secret) {
    return new Credentials(secret.clone());
  }

  /** A fresh secret for a gateway the harness starts: 48 random bytes, URL-safe base64 (64 characters). */
  public static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public boolean isNone() {
    return secret == null;
  }

  /** The {@code Authorization} header value for {@code userId}, or null when sending none. */
  public String authorization(String userId) {
    if (secret == null) {
      return null;
    }
    return tokens.computeIfAbsent(userId, u -> "Bearer " + TokenIssuer.issue(secret, u, SCOPES, TTL));
  }
}
