package io.pushgate.bench.nchan;

/** nginx or its Nchan module is not installed here: the run cannot start (exit code 2, as bad options). */
public final class NchanUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NchanUnavailableException(String message) {
    super(message);
  }
}
