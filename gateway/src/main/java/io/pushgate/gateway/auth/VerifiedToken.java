package io.pushgate.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a verified bearer token grants ({@link Principal}), until when ({@code exp}), and the JWKS key
 * that verified it: null when the signing secret did (HS256), which no refresh withdraws.
 */
public record VerifiedToken(Principal principal, Instant expiresAt, PublishedKey verifiedWith) {
  public VerifiedToken {
    requireNonNull(principal, "principal");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** A token the signing secret verified. */
  public VerifiedToken(Principal principal, Instant expiresAt) {
    this(principal, expiresAt, null);
  }
}
