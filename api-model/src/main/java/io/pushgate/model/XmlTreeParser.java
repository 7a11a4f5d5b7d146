package io.pushgate.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses an XML body into the same tree shape a JSON body has, so one mapping serves both: the
 * result is {@code {rootLocalName: content}}; an element with child elements becomes an object
 * keyed by the children's local names (repeated names become an array), attributes become members
 * (xsi attributes are dropped: channelData's variant follows channelType), a text-only element
 * becomes a string, and an empty element becomes null. Namespaces and prefixes are ignored.
 */
final class XmlTreeParser {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final XMLInputFactory factory;

  XmlTreeParser(XMLInputFactory factory) {
    this.factory = factory;
  }

  JsonNode parse(byte[] body) throws InvalidBodyException {
    XMLStreamReader r = null;
    try {
      r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
      XmlSupport.toRootElement(r);
      String rootName = r.getLocalName();
      JsonNode content = element(r, 1);
      XmlSupport.toEndOfDocument(r);
      ObjectNode wrapper = NODES.objectNode();
      wrapper.set(rootName, content);
      return wrapper;
    } catch (XMLStreamException | RuntimeException e) {
      // a RuntimeException from the StAX parser on hostile bytes must still become a 400
      throw InvalidBodyException.malformed(MediaFormat.XML, e);
    } finally {
      XmlSupport.closeQuietly(r);
    }
  }

  /** Reads the element the reader is on, through its end tag. */
  private static JsonNode element(XMLStreamReader r, int depth) throws XMLStreamException {
    ObjectNode members = null;
    for (int i = 0; i < r.getAttributeCount(); i++) {
      if (!Names.XSI.equals(r.getAttributeNamespace(i))) {
        if (members == null) {
          members = NODES.objectNode();
        }
        add(members, r.getAttributeLocalName(i), NODES.textNode(r.getAttributeValue(i)));
      }
    }
    boolean hasChildren = false;
    StringBuilder text = null;
    while (true) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
          if (depth + 1 > XmlSupport.MAX_DEPTH) {
            throw new XMLStreamException("elements nested deeper than " + XmlSupport.MAX_DEPTH);
          }
          if (members == null) {
            members = NODES.objectNode();
          }
          hasChildren = true;
          String name = r.getLocalName();
          add(members, name, element(r, depth + 1));
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          if (text == null) {
            text = new StringBuilder();
          }
          text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          break;
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          break;
        case XMLStreamConstants.END_ELEMENT:
          return result(members, hasChildren, text);
        default: // an entity reference would mean an undeclared entity: never expanded, never accepted
          throw new XMLStreamException("unexpected XML event " + event);
      }
    }
  }

  private static JsonNode result(ObjectNode members, boolean hasChildren, StringBuilder text) {
    boolean blank = text == null || isBlank(text);
    if (members == null) {
      // whitespace-only content counts as empty, so a pretty-printed empty element is still null
      return blank ? NODES.nullNode() : NODES.textNode(text.toString());
    }
    if (!hasChildren && !blank) {
      members.put("", text.toString()); // attributes plus text: keep the text under the empty name
    }
    return members;
  }

  private static void add(ObjectNode members, String name, JsonNode value) {
    JsonNode existing = members.get(name);
    if (existing == null) {
      members.set(name, value);
    } else if (existing.isArray()) {
      // element values are never arrays themselves, so an array here is one we built for repeats
      ((ArrayNode) existing).add(value);
    } else {
      ArrayNode repeated = NODES.arrayNode();
      repeated.add(existing);
      repeated.add(value);
      members.set(name, repeated);
    }
  }

  private static boolean isBlank(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
