package io.pushgate.model;

import java.util.List;

/**
 * Thrown by {@link Codec#read}: the body is not a valid representation. {@link #error()} is SVC0001
 * (unparsable: not JSON/XML at all, truncated) or SVC0002 naming the offending message part, e.g.
 * {@code channelLifetime}, {@code channelData.maxNotifications}, {@code notificationChannel} (wrong
 * or missing root), or SVC0003 for an unknown enumeration value. The error never contains parser
 * internals; the parser's own exception, if any, is only the {@linkplain #getCause() cause}, for logs.
 */
public final class InvalidBodyException extends Exception {

  private final transient RequestError error;

  /** Creates the exception for an error a client may see. */
  public InvalidBodyException(RequestError error) {
    this(error, null);
  }

  InvalidBodyException(RequestError error, Throwable cause) {
    // No stack trace: this is an expected outcome of bad client input, thrown per bad request.
    super(describe(error), cause, false, false);
    this.error = error;
  }

  /** The error to send to the client. */
  public RequestError error() {
    return error;
  }

  static InvalidBodyException invalidPart(String part) {
    return new InvalidBodyException(ServiceException.invalidInput(part));
  }

  static InvalidBodyException invalidPart(String at, String name) {
    return invalidPart(at + name);
  }

  static InvalidBodyException malformed(MediaFormat format, Throwable cause) {
    String detail = switch (format) {
      case JSON -> "malformed JSON body";
      case XML -> "malformed XML body";
      case FORM -> "malformed form body";
    };
    return new InvalidBodyException(ServiceException.serviceError(detail), cause);
  }

  private static String describe(RequestError error) {
    String text = error.text();
    List<String> variables = error.variables();
    // Substitute from the highest index down so %1 does not eat the prefix of %10.
    for (int i = variables.size(); i >= 1; i--) {
      text = text.replace("%" + i, variables.get(i - 1));
    }
    return error.messageId() + ": " + text;
  }
}
