package io.pushgate.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Who a request acts for: the token's subject (the userId) and its scopes. With {@code --auth none}
 * every request acts as {@link #ANYONE}, who may do anything for any user.
 */
public record Principal(String subject, Set<String> scopes, boolean anyone) {
  public static final Principal ANYONE = new Principal("", Set.of(), true);

  public Principal {
    requireNonNull(subject, "subject");
    scopes = Set.copyOf(scopes);
  }

  public static Principal of(String subject, Set<String> scopes) {
    return new Principal(subject, scopes, false);
  }

  /** Whether this principal holds any of {@code wanted}. */
  public boolean hasAny(String... wanted) {
    if (anyone) {
      return true;
    }
    for (String scope : wanted) {
      if (scopes.contains(scope)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this principal may act for {@code userId}. */
  public boolean actsFor(String userId) {
    return anyone || subject.equals(userId);
  }
}
