package io.pushgate.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** JSON syntax for {@link StructWriter}: one root wrapper object, compact output. */
final class JsonStructWriter extends StructWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final JsonGenerator g;

  JsonStructWriter(JsonFactory factory) throws IOException {
    g = factory.createGenerator(out, JsonEncoding.UTF8);
  }

  @Override
  void beginRoot(String name, String namespace, boolean usesXsiType) throws IOException {
    g.writeStartObject();
    g.writeFieldName(name);
    g.writeStartObject();
  }

  @Override
  void emptyRoot(String name, String namespace) throws IOException {
    g.writeStartObject();
    g.writeFieldName(name);
    g.writeNull();
    g.writeEndObject();
  }

  @Override
  void endRoot() throws IOException {
    g.writeEndObject();
    g.writeEndObject();
  }

  @Override
  void beginObject(String name, String xsiType) throws IOException {
    nameUnlessInArray(name);
    g.writeStartObject();
  }

  @Override
  void endObject() throws IOException {
    g.writeEndObject();
  }

  @Override
  void beginList(String name) throws IOException {
    g.writeFieldName(name);
    g.writeStartArray();
  }

  @Override
  void endList() throws IOException {
    g.writeEndArray();
  }

  @Override
  void value(String name, String value) throws IOException {
    nameUnlessInArray(name);
    g.writeString(value);
  }

  @Override
  byte[] finish() throws IOException {
    g.close();
    return out.toByteArray();
  }

  private void nameUnlessInArray(String name) throws IOException {
    if (!g.getOutputContext().inArray()) {
      g.writeFieldName(name);
    }
  }
}
