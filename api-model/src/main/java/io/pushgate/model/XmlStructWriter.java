package io.pushgate.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML syntax for {@link StructWriter}: UTF-8 with a declaration, the root in its namespace with the
 * examples' prefix ({@code nc} or {@code common}), unqualified children, {@code xsi:type} on
 * channelData, repeated elements for lists.
 */
final class XmlStructWriter extends StructWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
  private final XMLStreamWriter w;

  XmlStructWriter(XMLOutputFactory factory) throws IOException {
    // The declaration is written as bytes so every XML document of the codec starts identically;
    // StAX implementations differ in how they quote it.
    out.write(XmlSupport.DECLARATION);
    try {
      w = factory.createXMLStreamWriter(out, "UTF-8");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  void beginRoot(String name, String namespace, boolean usesXsiType) throws IOException {
    try {
      String prefix = Names.prefix(namespace);
      w.writeStartElement(prefix, name, namespace);
      w.writeNamespace(prefix, namespace);
      if (usesXsiType) {
        w.writeNamespace("xsi", Names.XSI);
      }
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  void emptyRoot(String name, String namespace) throws IOException {
    try {
      String prefix = Names.prefix(namespace);
      w.writeEmptyElement(prefix, name, namespace);
      w.writeNamespace(prefix, namespace);
      w.writeEndDocument();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  void endRoot() throws IOException {
    try {
      w.writeEndElement();
      w.writeEndDocument();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  void beginObject(String name, String xsiType) throws IOException {
    try {
      w.writeStartElement(name);
      if (xsiType != null) {
        w.writeAttribute("xsi", Names.XSI, "type", "nc:" + xsiType);
      }
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  void endObject() throws IOException {
    try {
      w.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  void beginList(String name) {
    // XML repeats the element instead
  }

  @Override
  void endList() {
    // XML repeats the element instead
  }

  @Override
  void value(String name, String value) throws IOException {
    try {
      w.writeStartElement(name);
      w.writeCharacters(XmlSupport.xmlSafe(value));
      w.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  @Override
  byte[] finish() throws IOException {
    try {
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    return out.toByteArray();
  }
}
