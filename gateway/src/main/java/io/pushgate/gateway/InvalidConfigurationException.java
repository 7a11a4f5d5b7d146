package io.pushgate.gateway;

/**
 * A configured value the gateway cannot work with, found while building or starting it: a
 * certificate, key or JWKS file that does not parse. {@link Main} answers it like a bad flag: one
 * line naming the option, exit code 2, no stack trace. Failures of the machine rather than of the
 * configuration (a port in use, a database that does not answer) are not this.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {
  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  public InvalidConfigurationException(String message) {
    super(message);
  }
}
