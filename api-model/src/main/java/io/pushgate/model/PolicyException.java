package io.pushgate.model;

import java.util.List;

/**
 * A policy exception ({@code POLnnnn}): the request is understood but refused by policy. The
 * factories carry the spec's exact texts.
 *
 * @param messageId the code
 * @param text the template text
 * @param variables the placeholder values; null becomes an empty list
 */
public record PolicyException(String messageId, String text, List<String> variables)
    implements RequestError {

  /** Copies the list so the record stays immutable. */
  public PolicyException {
    variables = variables == null ? List.of() : List.copyOf(variables);
  }

  /** POL0001, a generic policy refusal with a detail code or description. */
  public static PolicyException policyError(String detail) {
    return new PolicyException("POL0001", "A policy error occurred. Error code is %1", List.of(detail));
  }

  /** POL1023, an unsupported channel type; the supported ones as one comma-separated string. */
  public static PolicyException channelTypeNotSupported(String type, String supportedCommaSeparated) {
    return new PolicyException(
        "POL1023",
        "Notification channel type %1 not supported. Supported types: %2.",
        List.of(type, supportedCommaSeparated));
  }

  /** POL2006, a requested feature (e.g. LargeDataPolling) this server does not offer. */
  public static PolicyException featureNotAvailable(String feature) {
    return new PolicyException("POL2006", "Requested feature %1 is not available", List.of(feature));
  }
}
