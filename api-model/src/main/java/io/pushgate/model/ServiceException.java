package io.pushgate.model;

import java.util.List;

/**
 * A service exception ({@code SVCnnnn}): the request cannot be served as sent. The factories carry
 * the spec's exact texts.
 *
 * @param messageId the code
 * @param text the template text
 * @param variables the placeholder values; null becomes an empty list
 */
public record ServiceException(String messageId, String text, List<String> variables)
    implements RequestError {

  /** Copies the list so the record stays immutable. */
  public ServiceException {
    variables = variables == null ? List.of() : List.copyOf(variables);
  }

  /** SVC0001, a generic service error with a detail code or description. */
  public static ServiceException serviceError(String detail) {
    return new ServiceException("SVC0001", "A service error occurred. Error code is %1", List.of(detail));
  }

  /** SVC0002, an invalid value in the named message part. */
  public static ServiceException invalidInput(String part) {
    return new ServiceException("SVC0002", "Invalid input value for message part %1", List.of(part));
  }

  /** SVC0003, an invalid value in the named message part, with the valid values. */
  public static ServiceException invalidInputValue(String part, String validValues) {
    return new ServiceException(
        "SVC0003", "Invalid input value for message part %1, valid values are %2", List.of(part, validValues));
  }

  /** SVC0005, a client correlator that was already used with different content. */
  public static ServiceException duplicateCorrelator(String correlator, String part) {
    return new ServiceException(
        "SVC0005", "Correlator %1 specified in message part %2 is a duplicate", List.of(correlator, part));
  }

  /** SVC1012, the answer to the older of two concurrent long-poll requests. */
  public static ServiceException simultaneousRequests() {
    return new ServiceException("SVC1012", "Simultaneous channel requests not supported", List.of());
  }
}
