package io.pushgate.bench.client;

import java.net.URI;

/** What a channel's client reads off its channelURL: where to connect, and where to resume. */
final class ChannelUris {
  private ChannelUris() {}

  /** The URI's port, or its scheme's default. */
  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "wss".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? 443 : 80;
  }

  /** {@code uri} with {@code ?resumePoint=} (README: resuming); {@code uri} itself when nothing was read yet. */
  static URI resumingAt(URI uri, long resumePoint) {
    if (resumePoint < 0) {
      return uri;
    }
    return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + "resumePoint=" + resumePoint);
  }

  /** The path and query an HTTP request to {@code uri} names. */
  static String pathAndQuery(URI uri) {
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
