package io.pushgate.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Reads an enabler's XML notification POST: either one notification as the root element, or a
 * {@code notificationList} root (any namespace) whose child elements are the notifications. Each
 * notification is re-serialised with StAX as a standalone UTF-8 document without an XML
 * declaration; the namespace declarations in scope on the list root are repeated on every
 * notification element, so prefixes used inside it (also in QName-valued content such as
 * xsi:type) stay bound.
 */
final class XmlNotificationReader {
  private final XMLInputFactory inputFactory;
  private final XMLOutputFactory outputFactory;

  XmlNotificationReader(XMLInputFactory inputFactory, XMLOutputFactory outputFactory) {
    this.inputFactory = inputFactory;
    this.outputFactory = outputFactory;
  }

  NotificationList read(byte[] body) throws InvalidBodyException {
    XMLStreamReader r = null;
    boolean strayText;
    List<RawNotification> notifications;
    try {
      r = inputFactory.createXMLStreamReader(new ByteArrayInputStream(body));
      XmlSupport.toRootElement(r);
      if (Names.NOTIFICATION_LIST.equals(r.getLocalName())) {
        List<String[]> inherited = declarations(r);
        notifications = new ArrayList<>();
        strayText = children(r, inherited, notifications);
      } else {
        notifications = List.of(copy(r, List.of(), 1));
        strayText = false;
      }
      XmlSupport.toEndOfDocument(r);
    } catch (XMLStreamException | RuntimeException e) {
      // a RuntimeException from the StAX parser on hostile bytes must still become a 400
      throw InvalidBodyException.malformed(MediaFormat.XML, e);
    } finally {
      XmlSupport.closeQuietly(r);
    }
    if (strayText) {
      // reported only now, after the whole document proved well-formed
      throw InvalidBodyException.invalidPart(Names.NOTIFICATION_LIST);
    }
    return new NotificationList(notifications);
  }

  /** Copies every child of the list root; returns whether non-blank text sat between them. */
  private boolean children(XMLStreamReader r, List<String[]> inherited, List<RawNotification> out)
      throws XMLStreamException {
    boolean strayText = false;
    while (true) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
          out.add(copy(r, inherited, 2));
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          strayText |= !r.isWhiteSpace();
          break;
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          break;
        case XMLStreamConstants.END_ELEMENT:
          return strayText;
        default:
          throw new XMLStreamException("unexpected XML event " + event);
      }
    }
  }

  /** Copies the element the reader is on, through its end tag, into a document of its own. */
  private RawNotification copy(XMLStreamReader r, List<String[]> inherited, int depth) throws XMLStreamException {
    String rootName = r.getLocalName();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    XMLStreamWriter w = outputFactory.createXMLStreamWriter(buffer, "UTF-8");
    startElement(r, w, inherited);
    int open = 1;
    while (open > 0) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
          if (depth + open > XmlSupport.MAX_DEPTH) {
            throw new XMLStreamException("elements nested deeper than " + XmlSupport.MAX_DEPTH);
          }
          startElement(r, w, List.of());
          open++;
          break;
        case XMLStreamConstants.END_ELEMENT:
          w.writeEndElement();
          open--;
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.SPACE:
          w.writeCharacters(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          break;
        case XMLStreamConstants.CDATA:
          w.writeCData(r.getText());
          break;
        case XMLStreamConstants.COMMENT:
          w.writeComment(r.getText());
          break;
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          w.writeProcessingInstruction(r.getPITarget(), r.getPIData());
          break;
        default: // an entity reference would mean an undeclared entity: never expanded, never accepted
          throw new XMLStreamException("unexpected XML event " + event);
      }
    }
    w.close(); // flushes; does not close the buffer
    return new RawNotification(rootName, MediaFormat.XML, buffer.toByteArray());
  }

  private static void startElement(XMLStreamReader r, XMLStreamWriter w, List<String[]> inherited)
      throws XMLStreamException {
    w.writeStartElement(nz(r.getPrefix()), r.getLocalName(), nz(r.getNamespaceURI()));
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      declare(w, nz(r.getNamespacePrefix(i)), nz(r.getNamespaceURI(i)));
    }
    for (String[] binding : inherited) {
      if (!declaredOn(r, binding[0])) {
        declare(w, binding[0], binding[1]);
      }
    }
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String prefix = nz(r.getAttributePrefix(i));
      if (prefix.isEmpty()) {
        w.writeAttribute(r.getAttributeLocalName(i), r.getAttributeValue(i));
      } else {
        w.writeAttribute(prefix, nz(r.getAttributeNamespace(i)), r.getAttributeLocalName(i), r.getAttributeValue(i));
      }
    }
  }

  /** The namespace declarations on the current element, as {prefix, uri} ("" for the default). */
  private static List<String[]> declarations(XMLStreamReader r) {
    List<String[]> out = new ArrayList<>(r.getNamespaceCount());
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      out.add(new String[] {nz(r.getNamespacePrefix(i)), nz(r.getNamespaceURI(i))});
    }
    return out;
  }

  private static boolean declaredOn(XMLStreamReader r, String prefix) {
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      if (nz(r.getNamespacePrefix(i)).equals(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static void declare(XMLStreamWriter w, String prefix, String uri) throws XMLStreamException {
    if (prefix.isEmpty()) {
      w.writeDefaultNamespace(uri);
    } else {
      w.writeNamespace(prefix, uri);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
