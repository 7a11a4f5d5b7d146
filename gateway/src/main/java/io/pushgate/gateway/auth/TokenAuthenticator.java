package io.pushgate.gateway.auth;

import io.pushgate.gateway.CpuExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The principal of a request's {@code Authorization} header, with no signature check on an event
 * loop. A token verified lately ({@link VerifiedTokens}: at most 10,000, each for at most five minutes,
 * never past its {@code exp}, and only while the JWKS still publishes the key that verified it) is
 * answered at once, on the calling thread. Any other is verified on the {@link CpuExecutor} and the
 * future completes on that executor's thread: a caller that touches its connection hops back to the
 * channel's event loop.
 *
 * <p>The future fails with {@link AuthenticationException} (401) for a missing or unusable token, and
 * with {@link io.pushgate.gateway.ServerBusyException} (503, {@code Retry-After: 1}) when the CPU
 * executor's queue is full; then nothing is verified or cached.
 */
@Singleton
public final class TokenAuthenticator {
  private final Function<String, VerifiedToken> verifier;
  private final VerifiedTokens verified;
  private final CpuExecutor cpu;

  @Inject
  TokenAuthenticator(TokenVerifier verifier, VerifiedTokens verified, CpuExecutor cpu) {
    this(verifier::verify, verified, cpu);
  }

  /** With any verifier: the seam through which tests count verifications and see their threads. */
  TokenAuthenticator(Function<String, VerifiedToken> verifier, VerifiedTokens verified, CpuExecutor cpu) {
    this.verifier = verifier;
    this.verified = verified;
    this.cpu = cpu;
  }

  /** How many tokens are remembered as verified now: the {@code pushgate.auth.cache.tokens} gauge. */
  public int cachedTokens() {
    return verified.size();
  }

  /** The principal the header's bearer token stands for; see the class comment for where it completes. */
  public CompletableFuture<Principal> authenticate(String authorization) {
    String token;
    try {
      token = TokenVerifier.bearerToken(authorization); // a missing token or another scheme: refused here and now
    } catch (AuthenticationException e) {
      return CompletableFuture.failedFuture(e);
    }
    Principal known = verified.get(token);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return cpu.supply(() -> {
      VerifiedToken accepted = verifier.apply(token); // throws for a refused token, which is never cached
      verified.put(token, accepted);
      return accepted.principal();
    });
  }
}
