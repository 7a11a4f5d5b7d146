package io.pushgate.gateway.http;

import io.pushgate.model.MediaFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses formats from {@code Content-Type} and {@code Accept} (spec §6: JSON and XML both ways, form
 * input for channel creation and long polls). JSON wins when the client accepts anything.
 */
final class ContentNegotiation {
  private ContentNegotiation() {}

  /**
   * The format of a request body, or empty when the media type is not one we read (answer 415).
   * Parameters such as {@code charset} are ignored: JSON and form bodies are read as UTF-8, XML by its
   * own declaration.
   */
  static Optional<MediaFormat> requestFormat(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Optional.empty();
    }
    String type = mediaType(contentType);
    if (isJson(type)) {
      return Optional.of(MediaFormat.JSON);
    }
    if (isXml(type)) {
      return Optional.of(MediaFormat.XML);
    }
    if (type.equals("application/x-www-form-urlencoded")) {
      return Optional.of(MediaFormat.FORM);
    }
    return Optional.empty();
  }

  /**
   * The response format for an {@code Accept} header: the acceptable format with the highest quality,
   * JSON on a tie or when {@code Accept} is absent; empty when neither is acceptable (answer 406).
   */
  static Optional<MediaFormat> responseFormat(String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(MediaFormat.JSON);
    }
    double json = 0;
    double xml = 0;
    for (String range : accept.split(",")) {
      String type = mediaType(range);
      double q = quality(range);
      if (type.equals("*/*") || type.equals("application/*")) {
        json = Math.max(json, q);
        xml = Math.max(xml, q);
      } else if (type.equals("text/*")) {
        xml = Math.max(xml, q);
      } else if (isJson(type)) {
        json = Math.max(json, q);
      } else if (isXml(type)) {
        xml = Math.max(xml, q);
      }
    }
    if (json <= 0 && xml <= 0) {
      return Optional.empty();
    }
    return Optional.of(xml > json ? MediaFormat.XML : MediaFormat.JSON);
  }

  private static String mediaType(String value) {
    int semicolon = value.indexOf(';');
    String type = semicolon < 0 ? value : value.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private static double quality(String range) {
    for (String parameter : range.split(";")) {
      String p = parameter.trim();
      if (p.startsWith("q=") || p.startsWith("Q=")) {
        try {
          double q = Double.parseDouble(p.substring(2).trim());
          return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private static boolean isJson(String type) {
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static boolean isXml(String type) {
    return type.equals("application/xml") || type.equals("text/xml")
        || (type.startsWith("application/") && type.endsWith("+xml"));
  }
}
