package io.pushgate.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What a verified bearer token grants ({@link Principal}) and until when ({@code exp}). */
public record VerifiedToken(Principal principal, Instant expiresAt) {
  public VerifiedToken {
    requireNonNull(principal, "principal");
    requireNonNull(expiresAt, "expiresAt");
  }
}
