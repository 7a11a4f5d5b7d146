package io.pushgate.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An enabler's notification kept as opaque bytes: the complete single-root document in its format,
 * e.g. {@code {"movieNotification":{...}}} or
 * {@code <m:movieNotification xmlns:m="...">...</m:movieNotification>}.
 *
 * <p>The array is not copied (this is the delivery hot path): whoever builds the record hands the
 * array over, and nobody may modify it afterwards. XML bodies are UTF-8. Equality, hash code and
 * string form are over the bytes' content.
 *
 * @param rootName local name of the notification's root element or member, e.g. {@code movieNotification}
 * @param format {@link MediaFormat#JSON} or {@link MediaFormat#XML}
 * @param body the document
 */
public record RawNotification(String rootName, MediaFormat format, byte[] body) {

  /** Rejects nulls and the form format, which cannot carry a notification. */
  public RawNotification {
    Objects.requireNonNull(rootName, "rootName");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(body, "body");
    if (format == MediaFormat.FORM) {
      throw new IllegalArgumentException("a notification is JSON or XML, not " + format);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawNotification other
        && rootName.equals(other.rootName)
        && format == other.format
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return (rootName.hashCode() * 31 + format.hashCode()) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "RawNotification[rootName=" + rootName + ", format=" + format + ", body="
        + new String(body, StandardCharsets.UTF_8) + "]";
  }
}
