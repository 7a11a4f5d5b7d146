package io.pushgate.model;

import java.io.IOException;
import java.util.List;

/**
 * Streams one representation. JSON and XML differ only in syntax here, so {@link ModelWriter}
 * states each type's members once, in order, and both formats follow. Inside a list, the name
 * passed to {@link #beginObject} and {@link #value} is the repeated element's name, which XML needs
 * and JSON ignores. Every scalar is written as text: a JSON string, as in the spec's examples.
 */
abstract class StructWriter {

  /** Opens the document and its root; {@code usesXsiType} declares the xsi prefix in XML. */
  abstract void beginRoot(String name, String namespace, boolean usesXsiType) throws IOException;

  /** A whole document whose root is empty: JSON {@code {"name":null}}, XML {@code <nc:name/>}. */
  abstract void emptyRoot(String name, String namespace) throws IOException;

  abstract void endRoot() throws IOException;

  /** Opens a nested structure; {@code xsiType} (e.g. {@code WebSocketsData}) is XML-only, may be null. */
  abstract void beginObject(String name, String xsiType) throws IOException;

  abstract void endObject() throws IOException;

  /** Opens a repeated element: a JSON array, nothing in XML. */
  abstract void beginList(String name) throws IOException;

  abstract void endList() throws IOException;

  abstract void value(String name, String value) throws IOException;

  /** Ends the document and returns its UTF-8 bytes. */
  abstract byte[] finish() throws IOException;

  /** A scalar (string, number, boolean, enum) as text; omitted when null. */
  final void field(String name, Object value) throws IOException {
    if (value != null) {
      value(name, value.toString());
    }
  }

  /** Always a list (a JSON array, also for one value); omitted when empty. */
  final void list(String name, List<String> values) throws IOException {
    if (!values.isEmpty()) {
      beginList(name);
      for (String v : values) {
        value(name, v);
      }
      endList();
    }
  }
}
