package io.pushgate.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;

/**
 * Reads and writes the representations of the API. Thread-safe; build once and share.
 *
 * <p>Input is lenient (scalars as strings or native values, a repeated element as a single value or
 * an array, {@code null} for empty, unknown members ignored) but the root must be the expected one.
 * Output follows the spec's examples: one root wrapper, null members omitted, every scalar a JSON
 * string, repeated elements always JSON arrays; XML in the spec's namespaces with its prefixes.
 */
public final class Codec {
  /** JSON nesting and XML element depth bound: far above any real body, far below stack trouble. */
  private static final int MAX_DEPTH = XmlSupport.MAX_DEPTH;

  private final JsonFactory jsonFactory;
  private final JsonTreeParser jsonTrees;
  private final XmlTreeParser xmlTrees;
  private final JsonNotificationReader jsonNotifications;
  private final XmlNotificationReader xmlNotifications;
  private final XMLOutputFactory xmlOutput;

  private Codec() {
    jsonFactory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();
    jsonTrees = new JsonTreeParser(
        jsonFactory,
        JsonMapper.builder(jsonFactory).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build());
    var xmlInput = XmlSupport.newInputFactory();
    xmlOutput = XmlSupport.newOutputFactory();
    xmlTrees = new XmlTreeParser(xmlInput);
    jsonNotifications = new JsonNotificationReader(jsonFactory);
    xmlNotifications = new XmlNotificationReader(xmlInput, xmlOutput);
  }

  /**
   * Builds a codec: JSON and XML nesting limited to 64 levels, no DTDs or entities in XML.
   *
   * @return a new codec, to be shared
   */
  public static Codec create() {
    return new Codec();
  }

  /**
   * Reads one representation. Supported types: {@link NotificationChannel} (JSON, XML, FORM),
   * {@link NotificationChannelLifetime} (JSON, XML), {@link LongPollingRequestParameters} (JSON,
   * XML, FORM; an empty body is fine), {@link ConnCheck} and {@link ConnAck} (JSON, XML),
   * {@link NotificationList} (JSON, XML: an enabler's notification POST, one notification or a
   * list, each kept as opaque bytes), and for clients of the API {@link NotificationChannelList}
   * and {@link RequestError} (JSON, XML).
   *
   * @param body the request body, possibly empty
   * @param format the format the body claims (from its Content-Type)
   * @param type the expected representation
   * @return the representation, never null
   * @throws InvalidBodyException for every body that is not a valid representation, and for nothing else
   * @throws IllegalArgumentException for an unsupported type/format pair (a programming error)
   */
  public <T> T read(byte[] body, MediaFormat format, Class<T> type) throws InvalidBodyException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(type, "type");
    return type.cast(readAs(body, format, type));
  }

  /**
   * Reads a message a client sends over its WebSocket: a {@link ConnCheck}, a {@link ConnAck} or our
   * {@link NcAck}, whichever root the document has.
   *
   * @return one of those three records
   * @throws InvalidBodyException for anything else (SVC0002 names the roots accepted)
   */
  public Object readWebSocketMessage(byte[] body, MediaFormat format) throws InvalidBodyException {
    Objects.requireNonNull(body, "body");
    if (format != MediaFormat.JSON && format != MediaFormat.XML) {
      throw unsupported(Object.class, format);
    }
    var tree = format == MediaFormat.JSON ? jsonTrees.parse(body) : xmlTrees.parse(body);
    for (String root : new String[] {Names.CONN_CHECK, Names.CONN_ACK, Names.NC_ACK}) {
      if (tree.isObject() && tree.size() == 1 && tree.has(root)) {
        return ModelReader.read(tree, root);
      }
    }
    throw InvalidBodyException.invalidPart("connCheck, connAck or ncAck");
  }

  private Object readAs(byte[] body, MediaFormat format, Class<?> type) throws InvalidBodyException {
    if (type == NotificationList.class && format != MediaFormat.FORM) {
      return format == MediaFormat.JSON ? jsonNotifications.read(body) : xmlNotifications.read(body);
    }
    String root = ModelReader.rootOf(type);
    if (root == null) {
      throw unsupported(type, format);
    }
    if (type == LongPollingRequestParameters.class && isBlank(body)) {
      return new LongPollingRequestParameters(); // the body is optional (digest §2.6)
    }
    if (format == MediaFormat.FORM) {
      if (type == NotificationChannel.class) {
        return FormParser.channel(body);
      }
      if (type == LongPollingRequestParameters.class) {
        FormParser.fields(body, Set.of()); // any names (the spec's example misspells it); syntax checked
        return new LongPollingRequestParameters();
      }
      throw unsupported(type, format);
    }
    return ModelReader.read(format == MediaFormat.JSON ? jsonTrees.parse(body) : xmlTrees.parse(body), root);
  }

  /**
   * Writes JSON or XML. Supported: {@link NotificationChannel}, {@link NotificationChannelList},
   * {@link NotificationChannelLifetime}, {@link ConnCheck}, {@link ConnAck}, {@link NotificationList}
   * (whose notifications must all be in the requested format), {@link RequestError}
   * ({@link ServiceException}, {@link PolicyException}) and {@link LongPollingRequestParameters}.
   *
   * @param model the representation
   * @param format JSON or XML
   * @return the UTF-8 document, XML with a declaration
   * @throws IllegalArgumentException for FORM, an unsupported type, or a notification in the other format
   */
  public byte[] write(Object model, MediaFormat format) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(format, "format");
    if (format == MediaFormat.FORM) {
      throw unsupported(model.getClass(), format);
    }
    if (model instanceof NotificationList list) {
      return NotificationListWriter.write(list, format);
    }
    if (!ModelWriter.supports(model)) {
      throw unsupported(model.getClass(), format);
    }
    try {
      StructWriter w = format == MediaFormat.JSON ? new JsonStructWriter(jsonFactory) : new XmlStructWriter(xmlOutput);
      ModelWriter.write(model, w);
      return w.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e); // not expected to happen
    }
  }

  private static IllegalArgumentException unsupported(Class<?> type, MediaFormat format) {
    return new IllegalArgumentException(type.getName() + " is not supported as " + format);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
