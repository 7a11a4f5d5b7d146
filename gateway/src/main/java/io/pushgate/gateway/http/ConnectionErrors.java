package io.pushgate.gateway.http;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.io.IOException;
import javax.net.ssl.SSLException;

/** Which connection errors are a client's doing (logged at debug, no stack trace) and which are ours. */
public final class ConnectionErrors {
  private ConnectionErrors() {}

  /** Resets, closed channels, a peer gone mid-request, broken TLS or framing: expected on the internet. */
  public static boolean isExpected(Throwable cause) {
    Throwable t = cause;
    for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
      if (t instanceof IOException || t instanceof PrematureChannelClosureException || t instanceof SSLException) {
        return true;
      }
      if (t instanceof DecoderException && t.getCause() == null) {
        return true;
      }
    }
    return false;
  }
}
