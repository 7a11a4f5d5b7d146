package io.pushgate.gateway.movies;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The movies API's representations, JSON and XML through one Jackson tree: input as lenient as the
 * OMA model's (strings or numbers, unknown members ignored), output with every scalar a string like
 * the spec's examples. XML input never reads a DTD or an entity.
 */
@Singleton
public final class MovieCodec {
  static final String MOVIE = "movie";
  static final String MOVIE_LIST = "movieList";
  static final String SUBSCRIPTION = "movieSubscription";
  static final String SUBSCRIPTION_LIST = "movieSubscriptionList";
  static final String NOTIFICATION = "movieNotification";
  private static final int MAX_DEPTH = 32;

  private final ObjectMapper json;
  private final XmlMapper xml;
  private final XMLInputFactory xmlInput;

  @Inject
  public MovieCodec() {
    this.json = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());
    this.xmlInput = XMLInputFactory.newFactory();
    xmlInput.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    xmlInput.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    xmlInput.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    this.xml = new XmlMapper(new XmlFactory(xmlInput));
  }

  // ---- reading

  /** The content of the document's root, which must be {@code root}; 400 in the spec's format otherwise. */
  JsonNode read(byte[] body, MediaFormat format, String root) throws InvalidBodyException {
    if (format == MediaFormat.XML) {
      if (!root.equals(xmlRoot(body))) {
        throw new InvalidBodyException(ServiceException.invalidInput(root));
      }
      try {
        JsonNode content = xml.readTree(body);
        return content == null ? JsonNodeFactory.instance.objectNode() : content;
      } catch (IOException | RuntimeException e) {
        throw new InvalidBodyException(ServiceException.serviceError("malformed XML body"));
      }
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new InvalidBodyException(ServiceException.serviceError("malformed JSON body"));
    }
    if (tree == null || !tree.isObject() || tree.size() != 1 || !tree.has(root)) {
      throw new InvalidBodyException(ServiceException.invalidInput(root));
    }
    JsonNode content = tree.get(root);
    if (content.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!content.isObject()) {
      throw new InvalidBodyException(ServiceException.invalidInput(root));
    }
    return content;
  }

  /** The root element's local name; no DOCTYPE allowed. */
  private String xmlRoot(byte[] body) throws InvalidBodyException {
    try {
      XMLStreamReader reader = xmlInput.createXMLStreamReader(new ByteArrayInputStream(body));
      try {
        while (reader.hasNext()) {
          int event = reader.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            return reader.getLocalName();
          }
          if (event == XMLStreamConstants.DTD) {
            break;
          }
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      // fall through: malformed
    }
    throw new InvalidBodyException(ServiceException.serviceError("malformed XML body"));
  }

  static String text(JsonNode content, String name, int maxLength) throws InvalidBodyException {
    JsonNode node = content.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new InvalidBodyException(ServiceException.invalidInput(name));
    }
    String value = node.asText().trim();
    if (value.length() > maxLength) {
      throw new InvalidBodyException(ServiceException.invalidInput(name));
    }
    return value.isEmpty() ? null : value;
  }

  static Integer count(JsonNode content, String name) throws InvalidBodyException {
    String value = text(content, name, 9);
    if (value == null) {
      return null;
    }
    if (!value.chars().allMatch(Character::isDigit)) {
      throw new InvalidBodyException(ServiceException.invalidInput(name));
    }
    return Integer.valueOf(value);
  }

  static LocalDate date(JsonNode content, String name) throws InvalidBodyException {
    String value = text(content, name, 10);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidBodyException(ServiceException.invalidInput(name));
    }
  }

  /** A {@code movie} document: any field may be missing (the service decides what is required). */
  public MovieInput readMovie(byte[] body, MediaFormat format) throws InvalidBodyException {
    JsonNode m = read(body, format, MOVIE);
    return new MovieInput(text(m, "movieId", 64), text(m, "title", MoviesService.MAX_TEXT), date(m, "premiereDate"),
        text(m, "genre", 64), text(m, "director", 128), count(m, "runtimeMinutes"), text(m, "rating", 16),
        text(m, "synopsis", MoviesService.MAX_SYNOPSIS));
  }

  /** A {@code movieSubscription} document. */
  public SubscriptionInput readSubscription(byte[] body, MediaFormat format) throws InvalidBodyException {
    JsonNode s = read(body, format, SUBSCRIPTION);
    JsonNode callback = s.get("callbackReference");
    if (callback == null || !callback.isObject()) {
      throw new InvalidBodyException(ServiceException.invalidInput("callbackReference"));
    }
    String notificationFormat = text(callback, "notificationFormat", 8);
    MediaFormat chosen = null;
    if (notificationFormat != null) {
      switch (notificationFormat) {
        case "JSON" -> chosen = MediaFormat.JSON;
        case "XML" -> chosen = MediaFormat.XML;
        default -> throw new InvalidBodyException(
            ServiceException.invalidInputValue("callbackReference.notificationFormat", "JSON, XML"));
      }
    }
    return new SubscriptionInput(text(callback, "notifyURL", MoviesService.MAX_URL), text(callback, "callbackData", 1024),
        chosen, text(s, "movieId", 64), text(s, "clientCorrelator", MoviesService.MAX_TEXT));
  }

  public byte[] writeMovie(Movie movie, String resourceUrl, MediaFormat format) {
    return write(MOVIE, movie(movie, resourceUrl), format);
  }

  /** A page of movies, with {@code totalCount}, {@code offset} and {@code limit}. */
  public byte[] writeMovieList(List<ObjectNode> movies, int total, int offset, int limit, String resourceUrl,
      MediaFormat format) {
    ObjectNode list = object();
    putList(list, MOVIE, movies);
    put(list, "totalCount", total);
    put(list, "offset", offset);
    put(list, "limit", limit);
    put(list, "resourceURL", resourceUrl);
    return write(MOVIE_LIST, list, format);
  }

  public byte[] writeSubscription(MovieSubscription subscription, String resourceUrl, MediaFormat format) {
    return write(SUBSCRIPTION, subscription(subscription, resourceUrl), format);
  }

  public byte[] writeSubscriptionList(List<ObjectNode> subscriptions, String resourceUrl, MediaFormat format) {
    ObjectNode list = object();
    putList(list, SUBSCRIPTION, subscriptions);
    put(list, "resourceURL", resourceUrl);
    return write(SUBSCRIPTION_LIST, list, format);
  }

  // ---- writing

  ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Writes {@code content} under {@code root}, leaving out nulls; every scalar as a string. */
  byte[] write(String root, ObjectNode content, MediaFormat format) {
    try {
      if (format == MediaFormat.XML) {
        return xml.writer().withRootName(root).writeValueAsBytes(content);
      }
      ObjectNode document = object();
      document.set(root, content);
      return json.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
  }

  static void put(ObjectNode node, String name, Object value) {
    if (value != null) {
      node.put(name, value.toString());
    }
  }

  /** The {@code movie} content, for lists. */
  public ObjectNode movie(Movie movie, String resourceUrl) {
    ObjectNode node = object();
    put(node, "movieId", movie.movieId());
    put(node, "title", movie.title());
    put(node, "premiereDate", movie.premiereDate());
    put(node, "genre", movie.genre());
    put(node, "director", movie.director());
    put(node, "runtimeMinutes", movie.runtimeMinutes());
    put(node, "rating", movie.rating());
    put(node, "synopsis", movie.synopsis());
    put(node, "resourceURL", resourceUrl);
    return node;
  }

  /** The {@code movieSubscription} content, for lists. */
  public ObjectNode subscription(MovieSubscription subscription, String resourceUrl) {
    ObjectNode node = object();
    ObjectNode callback = object();
    put(callback, "notifyURL", subscription.notifyUrl());
    put(callback, "callbackData", subscription.callbackData());
    put(callback, "notificationFormat", subscription.notificationFormat().name());
    node.set("callbackReference", callback);
    put(node, "movieId", subscription.movieId());
    put(node, "clientCorrelator", subscription.clientCorrelator());
    put(node, "resourceURL", resourceUrl);
    return node;
  }

  /** A list member: always an array in JSON, repeated elements in XML; omitted when empty. */
  static void putList(ObjectNode node, String name, Iterable<ObjectNode> items) {
    Iterator<ObjectNode> it = items.iterator();
    if (!it.hasNext()) {
      return;
    }
    ArrayNode array = node.putArray(name);
    it.forEachRemaining(array::add);
  }

}
