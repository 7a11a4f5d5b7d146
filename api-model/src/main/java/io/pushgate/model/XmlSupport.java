package io.pushgate.model;

import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX factories configured for untrusted input, and the document-level walking rules. */
final class XmlSupport {
  /** Deepest element nesting accepted, the same bound as for JSON. */
  static final int MAX_DEPTH = 64;

  /** The declaration every XML document the codec writes starts with. */
  static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.US_ASCII);

  private XmlSupport() {}

  /**
   * An input factory that never reads a DTD, never resolves an external entity and never expands a
   * custom entity: set explicitly rather than trusting whichever StAX implementation is found.
   * The readers additionally reject any document carrying a DOCTYPE.
   */
  static XMLInputFactory newInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
    factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
    factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external entities are not allowed");
    });
    return factory;
  }

  static XMLOutputFactory newOutputFactory() {
    XMLOutputFactory factory = XMLOutputFactory.newFactory();
    factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.FALSE);
    return factory;
  }

  /** Advances a fresh reader to the root element; a DOCTYPE or anything but a prolog is rejected. */
  static void toRootElement(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
          return;
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
        case XMLStreamConstants.SPACE:
          break;
        case XMLStreamConstants.CHARACTERS:
          if (!r.isWhiteSpace()) {
            throw new XMLStreamException("text before the root element");
          }
          break;
        default: // DTD above all: no DOCTYPE is ever processed
          throw new XMLStreamException("unexpected XML event " + event + " before the root element");
      }
    }
    throw new XMLStreamException("no root element");
  }

  /** Reads past the root element's end to the end of the document, so trailing garbage is caught. */
  static void toEndOfDocument(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.END_DOCUMENT:
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
        case XMLStreamConstants.SPACE:
          break;
        case XMLStreamConstants.CHARACTERS:
          if (!r.isWhiteSpace()) {
            throw new XMLStreamException("text after the root element");
          }
          break;
        default:
          throw new XMLStreamException("unexpected XML event " + event + " after the root element");
      }
    }
  }

  static void closeQuietly(XMLStreamReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (XMLStreamException | RuntimeException ignored) {
        // the body is in memory; nothing to release that matters
      }
    }
  }

  /**
   * Replaces characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/U+FFFF) by U+FFFD,
   * so a value accepted from JSON can always be written as XML.
   */
  static String xmlSafe(String s) {
    int i = firstInvalid(s);
    if (i < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(i + 1));
        i += 2;
      } else {
        b.append(isValidSingle(c) ? c : '\uFFFD');
        i++;
      }
    }
    return b.toString();
  }

  private static int firstInvalid(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (!isValidSingle(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isValidSingle(char c) {
    return c == 0x9 || c == 0xA || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }
}
