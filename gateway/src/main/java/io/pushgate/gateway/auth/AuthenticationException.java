package io.pushgate.gateway.auth;

/**
 * A request without a usable bearer token: answered 401 with {@code WWW-Authenticate}. Expected, so
 * no stack trace; the description names the problem without echoing the token.
 */
public final class AuthenticationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean tokenPresented;

  public AuthenticationException(String description, boolean tokenPresented) {
    super(description, null, false, false);
    this.tokenPresented = tokenPresented;
  }

  /** False when no token was sent at all (RFC 6750: then no error code in the challenge). */
  public boolean tokenPresented() {
    return tokenPresented;
  }
}
