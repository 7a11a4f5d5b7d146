package io.pushgate.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Property-based tests of the codecs (security issue: "random and mutated inputs never cause a 5xx,
 * a hang or a leak"). jqwik generates the inputs and shrinks a failure to a minimal one; the seed of
 * a failing run is printed and can be pinned with {@code @Property(seed = "...")}.
 *
 * <ul>
 *   <li>Anything at all (bytes, strings, JSON trees, XML documents with DOCTYPEs and entities, form
 *       bodies with %-escapes, mutated valid bodies) read as every supported type and format either
 *       gives a value or an {@link InvalidBodyException} whose error is a client error (SVC0001-3)
 *       naming only fixed message parts, never parser internals. A batch of reads that never returns
 *       fails the try after {@link #HANG_LIMIT_SECONDS}.
 *   <li>Valid records survive {@code read(write(x))} in JSON and XML.
 *   <li>An enabler's JSON notificationList is split into verbatim slices of the request body.
 * </ul>
 *
 * <p>The existing {@link FuzzTest} keeps its fixed-seed random bytes; this class adds structure and
 * shrinking. Tries are kept moderate so the whole class runs in a few seconds.
 */
class CodecPropertiesTest {
  private static final Codec CODEC = Support.CODEC;

  /**
   * A hang guard, not a speed claim: the bodies here are a few kilobytes at most, so a batch of reads
   * still running after this long is stuck (a parser loop), and the try fails instead of the build
   * hanging. The costly inputs (entity expansion, deep nesting) are refused by construction, which
   * ErrorPathsTest checks by outcome.
   */
  static final long HANG_LIMIT_SECONDS = 30;

  /** Runs the reads, so a hang fails the try instead of blocking the build; daemons never keep the JVM alive. */
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "codec-property-worker");
    thread.setDaemon(true);
    return thread;
  });

  /** Every type and format read() supports, and readWebSocketMessage (type null). */
  private static final List<Reader> READERS = List.of(
      new Reader(NotificationChannel.class, MediaFormat.JSON),
      new Reader(NotificationChannel.class, MediaFormat.XML),
      new Reader(NotificationChannel.class, MediaFormat.FORM),
      new Reader(NotificationChannelLifetime.class, MediaFormat.JSON),
      new Reader(NotificationChannelLifetime.class, MediaFormat.XML),
      new Reader(LongPollingRequestParameters.class, MediaFormat.JSON),
      new Reader(LongPollingRequestParameters.class, MediaFormat.XML),
      new Reader(LongPollingRequestParameters.class, MediaFormat.FORM),
      new Reader(ConnCheck.class, MediaFormat.JSON),
      new Reader(ConnCheck.class, MediaFormat.XML),
      new Reader(ConnAck.class, MediaFormat.JSON),
      new Reader(ConnAck.class, MediaFormat.XML),
      new Reader(NotificationList.class, MediaFormat.JSON),
      new Reader(NotificationList.class, MediaFormat.XML),
      new Reader(NotificationChannelList.class, MediaFormat.JSON),
      new Reader(NotificationChannelList.class, MediaFormat.XML),
      new Reader(RequestError.class, MediaFormat.JSON),
      new Reader(RequestError.class, MediaFormat.XML),
      new Reader(null, MediaFormat.JSON),
      new Reader(null, MediaFormat.XML));

  private static final Set<String> CLIENT_ERRORS = Set.of("SVC0001", "SVC0002", "SVC0003");
  /** Error variables are fixed texts: part paths, "malformed JSON body", the valid channel types. */
  private static final Pattern FIXED_TEXT = Pattern.compile("[A-Za-z][A-Za-z., ]*");

  /** Element and member names the readers know: generated documents use them to get past the root. */
  private static final List<String> NAMES = List.of(
      "notificationChannel", "notificationChannelList", "notificationChannelLifetime", "longPollingRequestParameters",
      "notificationList", "connCheck", "connAck", "ncAck", "requestError", "serviceException", "policyException",
      "messageId", "text", "variables", "clientCorrelator", "applicationTag", "channelType", "channelData",
      "channelLifetime", "callbackURL", "resourceURL", "channelURL", "maxNotifications", "maxWaitTime", "appId",
      "largeDataPolling", "pollingEnabled", "maxPollingNotifications", "channelSubType", "registrationToken",
      "channelSubTypeVersion", "checkInterval", "newChannelLifetime", "resumePoint", "movieNotification");
  private static final List<String> ROOTS = List.of(
      "notificationChannel", "notificationChannelList", "notificationChannelLifetime", "longPollingRequestParameters",
      "notificationList", "connCheck", "connAck", "ncAck", "requestError");
  /** Scalar texts the mapping treats specially: channel types, counts at and past the bounds, booleans. */
  private static final List<String> SCALAR_TEXTS = List.of(
      "LongPolling", "OMAPush", "WebSockets", "NativeChannel", "longpolling", "0", "1", "5", "-1", "+7", " 42 ",
      "2147483647", "2147483648", "99999999999999999999", "1.5", "1e3", "true", "false", "", " ", "\u0000", "null");
  private static final String STRUCTURE = "{}[]\":,<>/=&%+?!-' \n\t\\0123456789.eE-ntrufalsxmlDOCTYPE;#\u00e9";
  /** Fragments of JSON, XML and form syntax for token soup. */
  private static final List<String> TOKENS = concat(NAMES, List.of(
      "{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\t", "\\", "\\u0000", "\\ud800", "\\\"", "null", "true", "false",
      "-", "0", "1", "2147483648", "1e999", ".", "<", ">", "</", "/>", "=", "'", "<?xml version=\"1.0\"?>", "<?",
      "?>", "<!DOCTYPE a [", "<!ENTITY e \"x\">", "]>", "&e;", "&amp;", "&#0;", "&#x1F600;", "<![CDATA[", "]]>",
      "<!--", "-->", " xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"", "nc:", "xsi:type", "&", "%",
      "%4", "%41", "%C3", "%FF", "+", "\u00e9", "\ud83d\ude00", "\ufeff", "\ud800", "\u0000", "LongPolling", "OMAPush"));

  // ---------------------------------------------------------------- anything in, only InvalidBodyException out

  @Property(tries = 1000)
  void arbitraryBytesAreReadOrRefused(@ForAll @Size(max = 300) byte[] body) {
    readEverywhere(body);
  }

  @Property(tries = 1000)
  void arbitraryStringsAreReadOrRefused(@ForAll("texts") String text) {
    readEverywhere(utf8(text));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(200)),
        Tuple.of(1, Arbitraries.strings().withChars(STRUCTURE).ofMaxLength(200)),
        Tuple.of(3, Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join("", tokens))));
  }

  @Property(tries = 500)
  @StatisticsReport(onFailureOnly = true)
  void jsonDocumentsAreReadOrRefused(@ForAll("jsonDocuments") String document) {
    List<Reader> accepted = readEverywhere(utf8(document));
    // the generator must get past the parser into the mapping to records, not only produce syntax errors
    Statistics.label("mapped to a record").collect(mapped(accepted, MediaFormat.JSON));
    Statistics.label("mapped to a record").coverage(c -> c.check(true).percentage(p -> p >= 2));
  }

  @Property(tries = 500)
  @StatisticsReport(onFailureOnly = true)
  void xmlDocumentsAreReadOrRefused(@ForAll("xmlDocuments") String document) {
    List<Reader> accepted = readEverywhere(utf8(document));
    Statistics.label("mapped to a record").collect(mapped(accepted, MediaFormat.XML));
    Statistics.label("mapped to a record").coverage(c -> c.check(true).percentage(p -> p >= 2));
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void formBodiesAreReadOrRefused(@ForAll("formBodies") String body) {
    // LongPollingRequestParameters accepts any well-formed form, so look at the channel reader
    boolean channel = readEverywhere(utf8(body)).contains(new Reader(NotificationChannel.class, MediaFormat.FORM));
    Statistics.label("channel read").collect(channel);
    Statistics.label("channel read").coverage(c -> c.check(true).percentage(p -> p >= 2));
  }

  @Property(tries = 1000)
  void mutatedValidBodiesAreReadOrRefused(@ForAll("seedIndexes") int seed, @ForAll("mutations") List<Mutation> mutations) {
    byte[] body = SEEDS.get(seed);
    for (Mutation mutation : mutations) {
      body = mutation.apply(body);
    }
    readEverywhere(body);
  }

  // ---------------------------------------------------------------- round trips

  /** JSON keeps every string as written, including "", controls and lone surrogates (escaped by the writer). */
  @Property(tries = 500)
  void channelsSurviveAJsonRoundTrip(@ForAll("jsonChannels") NotificationChannel channel) {
    assertEquals(channel, roundTrip(channel, MediaFormat.JSON));
  }

  /**
   * XML generators stay within what XML can carry: an empty or blank element reads as absent (so
   * strings are non-blank and nested objects have at least one member: the writer omits nulls, and
   * {@code <largeDataPolling/>} is null, not an empty object), and characters XML 1.0 cannot carry are
   * replaced by the writer (so no control characters, lone surrogates or U+FFFE/U+FFFF).
   */
  @Property(tries = 500)
  void channelsSurviveAnXmlRoundTrip(@ForAll("xmlChannels") NotificationChannel channel) {
    assertEquals(channel, roundTrip(channel, MediaFormat.XML));
  }

  @Property(tries = 300)
  void lifetimesAndConnectionChecksSurviveARoundTrip(@ForAll("smallRecords") Object model, @ForAll("bodyFormats") MediaFormat format) {
    assertEquals(model, roundTrip(model, format));
    if (!(model instanceof NotificationChannelLifetime)) {
      // what the client sends on its WebSocket is read the same way
      assertEquals(model, readWebSocket(CODEC.write(model, format), format));
    }
  }

  /**
   * A channel-creation form (spec Appendix C) with its values %-escaped at random (reserved
   * characters always, anything else sometimes; a space as + or %20), its fields in any order and
   * unknown fields among them, reads back as the channel the fields describe. Values are non-empty:
   * an empty form value means absent.
   */
  @Property(tries = 500)
  void formEncodedChannelsAreReadBack(@ForAll("formChannels") FormChannel form) throws Exception {
    byte[] body = form.encode();
    assertEquals(form.expected(), CODEC.read(body, MediaFormat.FORM, NotificationChannel.class), () -> text(body));
  }

  // ---------------------------------------------------------------- notification ingress

  /**
   * Whatever the shape (a single notification, the array form or the object form of a
   * notificationList) and the whitespace, each notification is the verbatim slice of the request
   * (for the object form: the member's slice(s) wrapped in braces), names its root, and re-parses to
   * the content that was sent.
   */
  @Property(tries = 300)
  void notificationsAreVerbatimSlicesOfTheBody(@ForAll("ingress") Ingress ingress) throws Exception {
    Ingress.Rendered rendered = ingress.render();
    NotificationList list = CODEC.read(rendered.body(), MediaFormat.JSON, NotificationList.class);
    List<RawNotification> read = list.notifications();
    assertEquals(rendered.expected().size(), read.size(), () -> "notifications in " + text(rendered.body()));
    for (int i = 0; i < read.size(); i++) {
      RawNotification actual = read.get(i);
      Expected expected = rendered.expected().get(i);
      assertEquals(MediaFormat.JSON, actual.format());
      assertEquals(expected.name(), actual.rootName());
      assertArrayEquals(expected.body(), actual.body(), () -> "slice in " + text(rendered.body()));
      JsonNode tree = Support.tree(actual.body());
      assertEquals(1, tree.size(), () -> text(actual.body()));
      assertEquals(expected.name(), tree.fieldNames().next());
      assertEquals(Support.tree(expected.content()), tree.get(expected.name()));
    }
  }

  // ================================================================ reading and checking

  private record Reader(Class<?> type, MediaFormat format) {
    Object read(byte[] body) throws InvalidBodyException {
      return type == null ? CODEC.readWebSocketMessage(body, format) : CODEC.read(body, format, type);
    }

    /** Whether a value means the document was mapped to a record (these two take almost anything). */
    boolean maps() {
      return type != LongPollingRequestParameters.class && type != NotificationList.class;
    }

    @Override
    public String toString() {
      return (type == null ? "readWebSocketMessage" : type.getSimpleName()) + " as " + format;
    }
  }

  private static boolean mapped(List<Reader> accepted, MediaFormat format) {
    return accepted.stream().anyMatch(reader -> reader.format() == format && reader.maps());
  }

  /**
   * Reads the body with every reader on a worker thread; fails on any exception but
   * InvalidBodyException, on a non-client error, and on a hang.
   *
   * @return the readers that accepted the body
   */
  private static List<Reader> readEverywhere(byte[] body) {
    Future<List<Reader>> batch = WORKERS.submit(() -> {
      List<Reader> accepted = new ArrayList<>();
      for (Reader reader : READERS) {
        if (readOnce(reader, body)) {
          accepted.add(reader);
        }
      }
      return accepted;
    });
    try {
      return batch.get(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      batch.cancel(true);
      throw new AssertionError("hang: reading did not finish in " + HANG_LIMIT_SECONDS + " s: " + describe(body));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError failure) {
        throw failure;
      }
      throw new AssertionError("reading failed: " + describe(body), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** One read, checked; true when it gave a value. */
  private static boolean readOnce(Reader reader, byte[] body) {
    Object value = null;
    InvalidBodyException refused = null;
    try {
      value = reader.read(body);
    } catch (InvalidBodyException e) {
      refused = e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(reader + " threw " + e + " for " + describe(body), e);
    }
    if (refused != null) {
      RequestError error = refused.error();
      assertNotNull(error, reader + ": an InvalidBodyException without an error");
      assertTrue(CLIENT_ERRORS.contains(error.messageId()), () -> reader + " refused with " + error);
      for (String variable : error.variables()) {
        assertTrue(FIXED_TEXT.matcher(variable).matches(), () -> reader + " error leaks " + error + " for " + describe(body));
      }
      return false;
    }
    Object read = value;
    assertNotNull(read, reader + " returned null");
    if (reader.type() != null) {
      assertTrue(reader.type().isInstance(read), () -> reader + " returned " + read);
    } else {
      assertTrue(read instanceof ConnCheck || read instanceof ConnAck || read instanceof NcAck, () -> reader + " returned " + read);
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T model, MediaFormat format) {
    byte[] written = CODEC.write(model, format);
    try {
      return (T) CODEC.read(written, format, model.getClass());
    } catch (InvalidBodyException e) {
      throw new AssertionError("cannot read what was written: " + e.getMessage() + ": " + text(written), e);
    }
  }

  private static Object readWebSocket(byte[] body, MediaFormat format) {
    try {
      return CODEC.readWebSocketMessage(body, format);
    } catch (InvalidBodyException e) {
      throw new AssertionError(e.getMessage() + ": " + text(body), e);
    }
  }

  private static String describe(byte[] body) {
    String shown = body.length <= 400 ? text(body) : text(Arrays.copyOf(body, 400)) + "... (" + body.length + " bytes)";
    return "\"" + shown.replace("\r", "\\r").replace("\n", "\\n") + "\" " + (body.length <= 64 ? Arrays.toString(body) : "");
  }

  // ================================================================ JSON documents

  /** A JSON value as a tree whose leaves are rendered literals (valid or not). */
  sealed interface Json permits JsonObject, JsonArray, JsonLiteral {}

  record Member(String name, Json value) {}

  record JsonObject(List<Member> members) implements Json {}

  record JsonArray(List<Json> items) implements Json {}

  /** A literal as written in JSON, and its text for XML (a string unquoted, null empty). */
  record JsonLiteral(String text, String plain) implements Json {
    static JsonLiteral string(String s) {
      return new JsonLiteral(jsonString(s), s);
    }

    static JsonLiteral bare(String text) {
      return new JsonLiteral(text, text.equals("null") ? "" : text);
    }
  }

  static String render(Json json) {
    StringBuilder out = new StringBuilder();
    render(json, out);
    return out.toString();
  }

  private static void render(Json json, StringBuilder out) {
    if (json instanceof JsonLiteral literal) {
      out.append(literal.text());
    } else if (json instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.items().size(); i++) {
        out.append(i == 0 ? "" : ",");
        render(array.items().get(i), out);
      }
      out.append(']');
    } else {
      JsonObject object = (JsonObject) json;
      out.append('{');
      for (int i = 0; i < object.members().size(); i++) {
        Member member = object.members().get(i);
        out.append(i == 0 ? "" : ",").append(jsonString(member.name())).append(':');
        render(member.value(), out);
      }
      out.append('}');
    }
  }

  /** A JSON string literal; surrogates are always escaped so lone ones survive UTF-8 encoding. */
  static String jsonString(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Member names; valid ones have no lone surrogate (Jackson refuses a broken pair in a name). */
  private static Arbitrary<String> names(boolean validOnly) {
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(12);
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(NAMES)),
        Tuple.of(2, validOnly ? any.filter(CodecPropertiesTest::wellFormedUtf16) : any),
        Tuple.of(1, Arbitraries.just("")));
  }

  static boolean wellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Valid JSON number literals, among them ones outside every integer type and beyond double. */
  private static Arbitrary<String> validNumbers() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().map(String::valueOf)),
        Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
        Tuple.of(1, Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)),
            new java.math.BigInteger("1" + "0".repeat(40))).map(String::valueOf)),
        Tuple.of(2, Arbitraries.of("-0", "0.0", "1.5", "1e400", "-1e-400", "1E+2", "2147483647", "2147483648", "-1",
            "4294967296", "9223372036854775808", "1.0", "5e0", "1e999999999")));
  }

  private static Arbitrary<JsonLiteral> jsonScalars(boolean validOnly) {
    Arbitrary<String> numbers = validOnly ? validNumbers() : Arbitraries.frequencyOf(
        Tuple.of(5, validNumbers()),
        Tuple.of(1, Arbitraries.of("01", "+1", ".5", "1.", "NaN", "Infinity", "-", "1e", "0x10", "9".repeat(1200))));
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(SCALAR_TEXTS).map(JsonLiteral::string)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20).map(JsonLiteral::string)),
        Tuple.of(1, Combinators.combine(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8),
            Arbitraries.integers().between(1, 10_000)).as((s, n) -> JsonLiteral.string(s.repeat(n)))),
        Tuple.of(2, numbers.map(JsonLiteral::bare)),
        Tuple.of(2, Arbitraries.of("true", "false", "null").map(JsonLiteral::bare)));
  }

  /** Trees up to {@code maxDepth} levels deep with up to four children per level (deep nesting is added separately). */
  static Arbitrary<Json> jsonTrees(boolean validOnly, int maxDepth) {
    Arbitrary<Json> scalars = jsonScalars(validOnly).map(json -> (Json) json);
    return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.frequencyOf(
        Tuple.of(2, scalars),
        Tuple.of(3, jsonObjects(inner, validOnly)),
        Tuple.of(2, inner.list().ofMaxSize(4).map(JsonArray::new))), 0, maxDepth);
  }

  private static Arbitrary<Json> jsonObjects(Arbitrary<Json> values, boolean validOnly) {
    return Combinators.combine(names(validOnly), values).as(Member::new).list().ofMaxSize(4).map(JsonObject::new);
  }

  enum Nesting { ARRAYS, OBJECTS, ALTERNATING }

  /** Mostly no extra nesting; sometimes up to 250 levels, past the codec's limit of 64. */
  private static Arbitrary<Integer> deepNesting() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(1, 250)));
  }

  /** The empty string nine times in ten, else one of the others. */
  private static Arbitrary<String> mostlyEmpty(String... others) {
    return Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.of(others)));
  }

  // ---------------------------------------------------------------- shaped content

  /**
   * Root contents shaped like the representation each root's reader expects: the right member
   * names with mostly well-typed values, so that documents get past the parser into the mapping.
   */
  private static final List<Arbitrary<Rooted>> SHAPED = shapedRoots();

  /** A root name and its content. */
  record Rooted(String root, Json content) {}

  private static List<Arbitrary<Rooted>> shapedRoots() {
    Arbitrary<Json> counts = Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.of(true, false))
        .as((n, quoted) -> (Json) (quoted ? JsonLiteral.string(String.valueOf(n)) : JsonLiteral.bare(String.valueOf(n))));
    // mostly text XML can carry: any char at all would make most XML documents malformed
    Arbitrary<Json> strings = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars(" :+/.-_\u00e9\u4e2d").ofMaxLength(20)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20))).map(s -> (Json) JsonLiteral.string(s));
    Arbitrary<Json> types = Arbitraries.of(ChannelType.class).map(type -> (Json) JsonLiteral.string(type.name()));
    Arbitrary<Json> bools = Arbitraries.of("true", "false", "\"true\"", "\"0\"", "1")
        .map(text -> (Json) new JsonLiteral(text, text.replace("\"", "")));
    Arbitrary<Json> polling = shaped("pollingEnabled", mostly(bools), "maxPollingNotifications", mostly(counts));
    Arbitrary<Json> channelData = shaped("channelURL", mostly(strings), "maxNotifications", mostly(counts),
        "maxWaitTime", mostly(counts), "appId", mostly(strings), "largeDataPolling", mostly(polling),
        "channelSubType", mostly(strings), "registrationToken", mostly(strings), "channelSubTypeVersion", mostly(strings));
    Arbitrary<Json> channel = shaped("clientCorrelator", mostly(strings), "applicationTag", mostly(strings),
        "channelType", mostly(types), "channelData", mostly(channelData), "channelLifetime", mostly(counts),
        "callbackURL", mostly(strings), "resourceURL", mostly(strings));
    Arbitrary<Json> error = shaped("messageId", mostly(strings), "text", mostly(strings),
        "variables", Arbitraries.frequencyOf(Tuple.of(3, strings.list().ofMaxSize(3).map(JsonArray::new)), Tuple.of(1, strings)));
    Arbitrary<Json> channels = Arbitraries.frequencyOf(Tuple.of(1, channel), Tuple.of(2, channel.list().ofMaxSize(3).map(JsonArray::new)));
    return List.of(
        rooted("notificationChannel", channel),
        rooted("notificationChannelLifetime", shaped("channelLifetime", mostly(counts))),
        rooted("connCheck", shaped("checkInterval", mostly(counts), "newChannelLifetime", mostly(counts))),
        rooted("connAck", shaped("channelLifetime", mostly(counts))),
        rooted("ncAck", shaped("resumePoint", mostly(counts))),
        rooted("notificationChannelList", shaped("notificationChannel", channels, "resourceURL", mostly(strings))),
        rooted("requestError", Arbitraries.frequencyOf(Tuple.of(3, shaped("serviceException", error)),
            Tuple.of(3, shaped("policyException", error)), Tuple.of(1, shaped("serviceException", error, "policyException", error)))),
        rooted("longPollingRequestParameters", jsonTrees(false, 2)),
        rooted("notificationList", jsonTrees(false, 3)));
  }

  private static Arbitrary<Rooted> rooted(String root, Arbitrary<Json> content) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, content),
        Tuple.of(1, Arbitraries.just(JsonLiteral.bare("null"))),
        Tuple.of(1, jsonTrees(false, 3))).map(json -> new Rooted(root, json));
  }

  /** Mostly a valid value, sometimes any scalar or small tree. */
  private static Arbitrary<Json> mostly(Arbitrary<Json> valid) {
    return Arbitraries.frequencyOf(
        Tuple.of(12, valid),
        Tuple.of(1, jsonScalars(false).map(json -> (Json) json)),
        Tuple.of(1, jsonTrees(false, 1)));
  }

  /** An object whose members, each present or not, are the given names and values (alternating). */
  private static Arbitrary<Json> shaped(Object... namesAndValues) {
    List<Arbitrary<java.util.Optional<Member>>> members = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      @SuppressWarnings("unchecked")
      Arbitrary<Json> value = (Arbitrary<Json>) namesAndValues[i + 1];
      members.add(value.map(v -> new Member(name, v)).optional(0.7));
    }
    return Combinators.combine(members).as(present -> (Json) new JsonObject(
        present.stream().flatMap(java.util.Optional::stream).toList()));
  }

  /** Shaped contents of the known roots, or anything under any root. */
  private static Arbitrary<Rooted> rootedContents() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.oneOf(SHAPED)),
        Tuple.of(1, Combinators.combine(Arbitraries.strings().all().ofMaxLength(10), jsonTrees(false, 3)).as(Rooted::new)));
  }

  @Provide
  Arbitrary<String> jsonDocuments() {
    // deep nesting: most documents are shallow, some are wrapped in up to 250 levels
    // each decoration is rare, so that most documents are well-formed and reach the mapping
    Arbitrary<Integer> depths = deepNesting();
    Arbitrary<String> prefixes = mostlyEmpty(" \n\t", "\ufeff", "\u0000", "\u0000\u0000\u0000{");
    Arbitrary<String> suffixes = mostlyEmpty(" \n", "{}", "x", "]", ",{}", "/*c*/", "null");
    Arbitrary<Boolean> bare = Arbitraries.frequency(Tuple.of(12, false), Tuple.of(1, true));
    return Combinators.combine(prefixes, rootedContents(), depths, Arbitraries.of(Nesting.class), suffixes, bare)
        .as((prefix, rooted, depth, nesting, suffix, isBare) -> {
          StringBuilder doc = new StringBuilder(prefix);
          if (!isBare) {
            doc.append('{').append(jsonString(rooted.root())).append(':');
          }
          for (int i = 0; i < depth; i++) {
            boolean array = nesting == Nesting.ARRAYS || (nesting == Nesting.ALTERNATING && i % 2 == 0);
            doc.append(array ? "[" : "{\"channelData\":");
          }
          render(rooted.content(), doc);
          for (int i = depth - 1; i >= 0; i--) {
            boolean array = nesting == Nesting.ARRAYS || (nesting == Nesting.ALTERNATING && i % 2 == 0);
            doc.append(array ? "]" : "}");
          }
          if (!isBare) {
            doc.append('}');
          }
          return doc.append(suffix).toString();
        });
  }

  // ================================================================ XML documents

  /** An XML element, or a leaf already rendered (text, CDATA, comment, PI, entity reference, junk). */
  sealed interface Xml permits XmlElement, XmlLeaf {}

  record XmlElement(String name, List<String> attributes, List<Xml> children) implements Xml {}

  record XmlLeaf(String text) implements Xml {}

  private static void render(Xml xml, StringBuilder out) {
    if (xml instanceof XmlLeaf leaf) {
      out.append(leaf.text());
      return;
    }
    XmlElement element = (XmlElement) xml;
    out.append('<').append(element.name());
    element.attributes().forEach(attribute -> out.append(' ').append(attribute));
    if (element.children().isEmpty()) {
      out.append("/>");
      return;
    }
    out.append('>');
    element.children().forEach(child -> render(child, out));
    out.append("</").append(element.name()).append('>');
  }

  static String escapeXml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String NC_NS = "urn:oma:xml:rest:netapi:notificationchannel:1";
  private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

  private static Arbitrary<String> xmlNames() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(NAMES)),
        Tuple.of(2, Arbitraries.of(NAMES).map(name -> "nc:" + name)),
        Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)),
        Tuple.of(1, Arbitraries.of("1a", "a b", "-x", ":a", "a:", "a:b:c", "xml", "q:unbound", "\u00e9t\u00e9", "\ud83d\ude00")));
  }

  private static Arbitrary<String> xmlAttributes() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(
            "xmlns:nc=\"" + NC_NS + "\"", "xmlns=\"urn:x\"", "xmlns=\"\"", "xmlns:p=\"\"", "xmlns:xsi=\"" + XSI_NS + "\"",
            "xsi:type=\"nc:LongPollingData\"", "q:a=\"1\"", "a=\"1\"", "a=\"1\" a=\"2\"", "a='&e;'", "a=\"<\"", "b",
            "xml:lang=\"en\"", "xmlns:xml=\"urn:wrong\"", "a=\"&#0;\"", "a=\"&lt;&amp;\"")),
        Tuple.of(2, Combinators.combine(xmlNames(), Arbitraries.strings().all().ofMaxLength(10))
            .as((name, value) -> name + "=\"" + escapeXml(value) + "\"")));
  }

  private static Arbitrary<Xml> xmlLeaves() {
    Arbitrary<String> texts = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(SCALAR_TEXTS)),
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(20)),
        Tuple.of(1, Combinators.combine(Arbitraries.strings().ofMinLength(1).ofMaxLength(8),
            Arbitraries.integers().between(1, 10_000)).as(String::repeat)));
    return Arbitraries.frequencyOf(
        Tuple.of(6, texts.map(CodecPropertiesTest::escapeXml)),
        Tuple.of(1, texts.map(s -> "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>")),
        Tuple.of(1, texts.map(s -> "<!--" + s + "-->")),
        Tuple.of(1, Combinators.combine(Arbitraries.of("pi", "xml", "xml-stylesheet", "a:b", "x y"), texts)
            .as((target, data) -> "<?" + target + " " + data + "?>")),
        Tuple.of(1, Arbitraries.of("&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&e;", "&lol9;", "&#65;", "&#x41;",
            "&#0;", "&#x1F600;", "&#xD800;", "&#1114112;", "&#x110000;", "&;", "&", "&#;", "&#x;")),
        Tuple.of(1, Arbitraries.of("<", ">", "]]>", "</", "<a", "&#", "\u0000", "\uFFFE", "\r\n", "<!DOCTYPE a>")))
        .map(XmlLeaf::new);
  }

  static Arbitrary<Xml> xmlTrees() {
    Arbitrary<Xml> leaves = xmlLeaves();
    return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.frequencyOf(
        Tuple.of(2, leaves),
        Tuple.of(3, Combinators.combine(xmlNames(), xmlAttributes().list().ofMaxSize(2), inner.list().ofMaxSize(4))
            .as(XmlElement::new))), 0, 3);
  }

  private static final String BILLION_LAUGHS = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
      + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
      + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
      + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
      + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
      + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
      + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";

  @Provide
  Arbitrary<String> xmlDocuments() {
    Arbitrary<String> declarations = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("", "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")),
        Tuple.of(1, Arbitraries.of("<?xml version='1.0' encoding='UTF-16'?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "<?xml version=\"1.1\"?>", "<?xml version=\"2.0\"?>",
        "<?xml encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"bogus-42\"?>",
        "<?xml version=\"1.0\" standalone=\"yes\"?>", " <?xml version=\"1.0\"?>", "\ufeff<?xml version=\"1.0\"?>")));
    // no DOCTYPE may be processed: entities, external subsets and parameter entities all stay unread
    Arbitrary<String> doctypes = mostlyEmpty("<!DOCTYPE a>",
        "<!DOCTYPE notificationChannel [<!ENTITY e \"x\">]>", BILLION_LAUGHS,
        "<!DOCTYPE a SYSTEM \"file:///nonexistent/pushgate.dtd\">",
        "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE a [<!ENTITY % p SYSTEM \"file:///nonexistent/p.dtd\"> %p;]>",
        "<!DOCTYPE a PUBLIC \"-//X//Y\" \"x.dtd\">", "<!DOCTYPE a [<!ELEMENT a ANY><!ATTLIST a b CDATA \"d\">]>",
        "<!DOCTYPE a [");
    // allowed around the root, and (rarely) what is not
    Arbitrary<String> misc = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("", " ", "\n", "<!-- c -->", "<?pi x?>")),
        Tuple.of(1, mostlyEmpty("text", "<b/>", "&e;", "<![CDATA[x]]>", "<!DOCTYPE a>", "<?xml version=\"1.0\"?>")));
    // a root with the shaped content as elements, or random trees under a random root
    Arbitrary<XmlElement> roots = Arbitraries.frequencyOf(
        Tuple.of(4, Combinators.combine(rootedContents(), Arbitraries.of("nc:", "nc:", ""))
            .as((rooted, prefix) -> rootElement(prefix + rooted.root(), rooted.content()))),
        Tuple.of(1, Combinators.combine(Arbitraries.of(ROOTS).map(root -> "nc:" + root), xmlTrees().list().ofMaxSize(5))
            .as((name, children) -> new XmlElement(name, List.of(), children))),
        Tuple.of(1, Combinators.combine(xmlNames(), xmlTrees().list().ofMaxSize(5))
            .as((name, children) -> new XmlElement(name, List.of(), children))));
    Arbitrary<List<String>> rootAttributes = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(List.of("xmlns:nc=\"" + NC_NS + "\""))),
        Tuple.of(2, Arbitraries.just(List.of("xmlns:nc=\"" + NC_NS + "\"", "xmlns:xsi=\"" + XSI_NS + "\""))),
        Tuple.of(1, xmlAttributes().list().ofMaxSize(3)));
    Arbitrary<Integer> depths = deepNesting();
    Arbitrary<String> prolog = Combinators.combine(declarations, doctypes, misc.list().ofMaxSize(2))
        .as((declaration, doctype, before) -> declaration + doctype + String.join("", before));
    Arbitrary<String> epilog = misc.list().ofMaxSize(2).map(after -> String.join("", after));
    Arbitrary<List<Xml>> extras = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(List.<Xml>of())),
        Tuple.of(1, xmlLeaves().list().ofMaxSize(2)));
    return Combinators.combine(prolog, roots, rootAttributes, extras, depths, Arbitraries.of("d", "channelData", "nc:x"), epilog)
        .as((before, root, attributes, extra, depth, wrapper, after) -> {
          List<Xml> children = new ArrayList<>(wrap(root.children(), wrapper, depth));
          children.addAll(extra);
          StringBuilder doc = new StringBuilder(before);
          render(new XmlElement(root.name(), attributes, children), doc);
          return doc.append(after).toString();
        });
  }

  private static XmlElement rootElement(String name, Json content) {
    List<Xml> xml = toXml(name, content);
    return xml.size() == 1 ? (XmlElement) xml.get(0) : new XmlElement(name, List.of(), xml);
  }

  /** JSON content as XML: objects become child elements, arrays repeated elements, literals text. */
  private static List<Xml> toXml(String name, Json json) {
    if (json instanceof JsonArray array) {
      List<Xml> repeated = new ArrayList<>();
      array.items().forEach(item -> repeated.addAll(toXml(name, item)));
      return repeated;
    }
    if (json instanceof JsonLiteral literal) {
      return List.of(new XmlElement(name, List.of(),
          literal.plain().isEmpty() ? List.of() : List.of(new XmlLeaf(escapeXml(literal.plain())))));
    }
    List<Xml> children = new ArrayList<>();
    ((JsonObject) json).members().forEach(member -> children.addAll(toXml(member.name(), member.value())));
    return List.of(new XmlElement(name, List.of(), children));
  }

  private static List<Xml> wrap(List<Xml> children, String name, int depth) {
    List<Xml> wrapped = children;
    for (int i = 0; i < depth; i++) {
      wrapped = List.of(new XmlElement(name, List.of(), wrapped.isEmpty() ? List.of(new XmlLeaf("x")) : wrapped));
    }
    return wrapped;
  }

  // ================================================================ form bodies

  @Provide
  Arbitrary<String> formBodies() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMaxLength(8)),
        Tuple.of(3, Arbitraries.of(concat(NAMES, SCALAR_TEXTS))),
        Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.of(true, false))
            .as((b, upper) -> String.format(upper ? "%%%02X" : "%%%02x", b))),
        Tuple.of(1, Arbitraries.of("%", "%G1", "%4", "%%", "%-1", "%\u00e9A", "%+1", "%%41", "%0")),
        Tuple.of(1, Arbitraries.of("+", "&", "=", ";", " ", "\u00e9", "\ud83d\ude00", "\ud800")),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(4)));
    Arbitrary<String> words = piece.list().ofMaxSize(5).map(pieces -> String.join("", pieces));
    // pairs a channel reader takes, with values that are valid, escaped or just wrong
    Arbitrary<String> types = Arbitraries.of("LongPolling", "OMAPush", "WebSockets", "NativeChannel", "Long%50olling",
        "Web%53ockets", "OMA%50ush", "longpolling", "", "Web+Sockets");
    Arbitrary<String> numbers = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(0, Integer.MAX_VALUE).map(String::valueOf)),
        Tuple.of(1, Arbitraries.of("%2B5", "+5", "%205%20", "-1", "2147483648", "1.5", "", "%35")));
    Arbitrary<String> known = Arbitraries.oneOf(
        types.map(type -> "channelType=" + type),
        Combinators.combine(Arbitraries.of("maxNotifications", "channelLifetime", "maxWaitTime"), numbers)
            .as((name, value) -> name + "=" + value),
        Combinators.combine(Arbitraries.of("clientCorrelator", "applicationTag", "appId"), words)
            .as((name, value) -> name + "=" + value));
    Arbitrary<String> random = Combinators.combine(words, Arbitraries.of("=", "=", "", "==", "=&"), words)
        .as((name, eq, value) -> name + eq + value);
    Arbitrary<String> pairs = Arbitraries.frequencyOf(Tuple.of(3, known), Tuple.of(1, random));
    Arbitrary<String> separators = Arbitraries.of("&", "&", "&", "&&", "", ";");
    Arbitrary<String> lead = Arbitraries.frequencyOf(
        Tuple.of(2, types.map(type -> "channelType=" + type)),
        Tuple.of(1, Arbitraries.just("")));
    return Combinators.combine(lead, pairs.list().ofMaxSize(5), separators.list().ofMinSize(1).ofMaxSize(6))
        .as((first, list, seps) -> {
          StringBuilder body = new StringBuilder(first);
          for (int i = 0; i < list.size(); i++) {
            body.append(body.length() == 0 ? "" : seps.get(i % seps.size())).append(list.get(i));
          }
          return body.toString();
        });
  }

  /** The fields of a form-created channel, and how to encode them. */
  record FormChannel(ChannelType type, String clientCorrelator, String applicationTag, Integer maxNotifications,
      Integer channelLifetime, String appId, Integer maxWaitTime, List<Boolean> escapes, List<String> unknown,
      long order) {

    /** What FormParser.channel makes of the fields: the channelData variant follows the type. */
    NotificationChannel expected() {
      ChannelData data = switch (type) {
        case LongPolling -> maxNotifications == null && maxWaitTime == null
            ? null : new LongPollingData(null, maxNotifications, maxWaitTime);
        case WebSockets -> maxNotifications == null ? null : new WebSocketsData(null, maxNotifications);
        case OMAPush -> maxNotifications == null && appId == null ? null : new OMAPushData(appId, maxNotifications, null);
        case NativeChannel -> maxNotifications == null ? null : new NativeChannelData(null, null, null, maxNotifications, null);
      };
      return new NotificationChannel(clientCorrelator, applicationTag, type, data, channelLifetime, null, null);
    }

    /** The body as bytes: a raw non-ASCII byte may stand next to an escaped byte of the same character. */
    byte[] encode() {
      List<byte[]> pairs = new ArrayList<>();
      add(pairs, "channelType", type.name());
      add(pairs, "clientCorrelator", clientCorrelator);
      add(pairs, "applicationTag", applicationTag);
      add(pairs, "maxNotifications", maxNotifications);
      add(pairs, "channelLifetime", channelLifetime);
      add(pairs, "appId", appId);
      add(pairs, "maxWaitTime", maxWaitTime);
      unknown.forEach(name -> add(pairs, name, "x"));
      java.util.Collections.shuffle(pairs, new java.util.Random(order));
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int i = 0; i < pairs.size(); i++) {
        if (i > 0) {
          body.write('&');
        }
        body.writeBytes(pairs.get(i));
      }
      return body.toByteArray();
    }

    private void add(List<byte[]> pairs, String name, Object value) {
      if (value != null) {
        ByteArrayOutputStream pair = new ByteArrayOutputStream();
        escape(name, pair);
        pair.write('=');
        escape(value.toString(), pair);
        pairs.add(pair.toByteArray());
      }
    }

    private void escape(String s, ByteArrayOutputStream out) {
      byte[] bytes = utf8(s);
      for (int i = 0; i < bytes.length; i++) {
        int b = bytes[i] & 0xFF;
        boolean escape = escapes.get(i % escapes.size());
        if (b == ' ') {
          out.writeBytes(utf8(escape ? "%20" : "+"));
        } else if (escape || b == '&' || b == '=' || b == '+' || b == '%') {
          out.writeBytes(utf8(String.format(i % 2 == 0 ? "%%%02X" : "%%%02x", b)));
        } else {
          out.write(b);
        }
      }
    }
  }

  @Provide
  Arbitrary<FormChannel> formChannels() {
    // valid Unicode (a form is UTF-8), never empty: an empty value is absent
    Arbitrary<String> strings = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20)
        .filter(CodecPropertiesTest::wellFormedUtf16).injectNull(0.3);
    Arbitrary<Integer> counts = counts();
    Arbitrary<List<String>> unknown = Arbitraries.of("x", "channelURL", "callbackURL", "notificationChannel", "\u00e9")
        .list().ofMaxSize(2);
    Arbitrary<FormChannel> fields = Combinators.combine(Arbitraries.of(ChannelType.class), strings, strings, counts,
            counts, strings, counts)
        .as((type, correlator, tag, max, lifetime, appId, wait) ->
            new FormChannel(type, correlator, tag, max, lifetime, appId, wait, List.of(false), List.of(), 0));
    return Combinators.combine(fields, Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(8), unknown,
            Arbitraries.longs())
        .as((f, escapes, names, order) -> new FormChannel(f.type(), f.clientCorrelator(), f.applicationTag(),
            f.maxNotifications(), f.channelLifetime(), f.appId(), f.maxWaitTime(), escapes, names, order));
  }

  // ================================================================ mutations of valid bodies

  private static final List<byte[]> SEEDS = seeds();

  @Provide
  Arbitrary<Integer> seedIndexes() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  enum Operation { FLIP_BIT, TRUNCATE, REPLACE, INSERT, DELETE, DUPLICATE, SPLICE }

  /** One edit; positions are taken modulo the body's length so every edit applies to every body. */
  record Mutation(Operation operation, int position, int length, int value) {
    byte[] apply(byte[] body) {
      if (body.length == 0) {
        return operation == Operation.INSERT ? utf8(TOKENS.get(value % TOKENS.size())) : body;
      }
      int at = position % body.length;
      int n = Math.min(length, body.length - at);
      return switch (operation) {
        case FLIP_BIT -> {
          byte[] b = body.clone();
          b[at] ^= (byte) (1 << (value % 8));
          yield b;
        }
        case TRUNCATE -> Arrays.copyOf(body, at);
        case REPLACE -> {
          byte[] b = body.clone();
          b[at] = (byte) STRUCTURE.charAt(value % STRUCTURE.length());
          yield b;
        }
        case INSERT -> insert(body, at, utf8(TOKENS.get(value % TOKENS.size())));
        case DELETE -> {
          byte[] b = new byte[body.length - n];
          System.arraycopy(body, 0, b, 0, at);
          System.arraycopy(body, at + n, b, at, body.length - at - n);
          yield b;
        }
        case DUPLICATE -> insert(body, at, Arrays.copyOfRange(body, at, at + n));
        case SPLICE -> {
          byte[] other = SEEDS.get(value % SEEDS.size());
          int from = position % other.length;
          yield insert(body, at, Arrays.copyOfRange(other, from, Math.min(other.length, from + length)));
        }
      };
    }

    private static byte[] insert(byte[] body, int at, byte[] piece) {
      byte[] b = new byte[body.length + piece.length];
      System.arraycopy(body, 0, b, 0, at);
      System.arraycopy(piece, 0, b, at, piece.length);
      System.arraycopy(body, at, b, at + piece.length, body.length - at);
      return b;
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Combinators.combine(Arbitraries.of(Operation.class), Arbitraries.integers().between(0, 100_000),
            Arbitraries.integers().between(1, 64), Arbitraries.integers().between(0, 1000))
        .as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (String s : List.of(
        SpecExamples.LIST_RESPONSE, SpecExamples.CREATE_LONG_POLLING, SpecExamples.CREATED_WEBSOCKETS,
        SpecExamples.CREATE_OMA_PUSH_LARGE_DATA, SpecExamples.CREATED_NATIVE, SpecExamples.TYPE_NOT_SUPPORTED,
        SpecExamples.LONG_POLL, SpecExamples.ONE_IN_LIST, SpecExamples.SEVERAL_IN_LIST, SpecExamples.EMPTY_LIST,
        SpecExamples.REFRESH_LIFETIME, SpecExamples.SERVER_CONN_CHECK, SpecExamples.CLIENT_CONN_ACK,
        SpecExamples.XML_CREATE_WEBSOCKETS, SpecExamples.XML_CREATED_WEBSOCKETS, SpecExamples.XML_LONG_POLL,
        SpecExamples.XML_EMPTY_LIST, SpecExamples.XML_REMAINING_LIFETIME, SpecExamples.FORM_CREATE,
        SpecExamples.FORM_CREATE_OMA_PUSH, "{\"ncAck\":{\"resumePoint\":\"12\"}}",
        "<nc:notificationList xmlns:nc=\"urn:x\" xmlns:p=\"urn:p\"><p:a q=\"1\"><b><![CDATA[x]]></b></p:a><c/></nc:notificationList>",
        "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")) {
      seeds.add(utf8(s));
    }
    NotificationChannel channel = new NotificationChannel("1", "t", ChannelType.OMAPush,
        new OMAPushData("a", 1, new LargeDataPolling(true, 2)), 3, "cb", "r");
    for (MediaFormat format : List.of(MediaFormat.JSON, MediaFormat.XML)) {
      seeds.add(CODEC.write(channel, format));
      seeds.add(CODEC.write(new NotificationChannelList(List.of(channel), "l"), format));
      seeds.add(CODEC.write(PolicyException.channelTypeNotSupported("LongPolling", "WebSockets"), format));
      seeds.add(CODEC.write(new ConnCheck(1, 2), format));
      seeds.add(CODEC.write(new NotificationChannelLifetime(60), format));
    }
    return List.copyOf(seeds);
  }

  // ================================================================ valid records

  @Provide
  Arbitrary<MediaFormat> bodyFormats() {
    return Arbitraries.of(MediaFormat.JSON, MediaFormat.XML);
  }

  private static Arbitrary<Integer> counts() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).injectNull(0.25);
  }

  /** JSON strings: any Java string at all. */
  private static Arbitrary<String> jsonStrings() {
    return Arbitraries.strings().all().ofMaxLength(30).injectNull(0.25);
  }

  /** XML strings: non-blank, and only characters XML 1.0 carries that are not controls (see the property). */
  private static Arbitrary<String> xmlStrings() {
    Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(2, Arbitraries.integers().between(0xA0, 0xD7FF)),
        Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFD)),
        Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
    return codePoints.list().ofMinSize(1).ofMaxSize(30)
        .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
        .filter(s -> !s.isBlank())
        .injectNull(0.25);
  }

  @Provide
  Arbitrary<NotificationChannel> jsonChannels() {
    return channels(jsonStrings(), false);
  }

  @Provide
  Arbitrary<NotificationChannel> xmlChannels() {
    return channels(xmlStrings(), true);
  }

  private static Arbitrary<NotificationChannel> channels(Arbitrary<String> strings, boolean xml) {
    return Arbitraries.of(ChannelType.class).flatMap(type -> Combinators.combine(strings, strings,
            channelData(type, strings, xml).injectNull(0.3), counts(), strings, strings)
        .as((correlator, tag, data, lifetime, callback, resource) ->
            new NotificationChannel(correlator, tag, type, data, lifetime, callback, resource)));
  }

  private static Arbitrary<ChannelData> channelData(ChannelType type, Arbitrary<String> strings, boolean xml) {
    Arbitrary<LargeDataPolling> polling = nonEmptyIf(xml,
        Combinators.combine(Arbitraries.of(true, false).injectNull(0.3), counts()).as(LargeDataPolling::new))
        .injectNull(0.4);
    Arbitrary<? extends ChannelData> data = switch (type) {
      case LongPolling -> Combinators.combine(strings, counts(), counts()).as(LongPollingData::new);
      case WebSockets -> Combinators.combine(strings, counts()).as(WebSocketsData::new);
      case OMAPush -> Combinators.combine(strings, counts(), polling).as(OMAPushData::new);
      case NativeChannel -> Combinators.combine(strings, strings, strings, counts(), polling).as(NativeChannelData::new);
    };
    return nonEmptyIf(xml, data.map(d -> (ChannelData) d));
  }

  /** In XML an element without content reads as absent, so a record of nulls cannot round-trip there. */
  private static <T> Arbitrary<T> nonEmptyIf(boolean xml, Arbitrary<T> records) {
    return xml ? records.filter(r -> hasMember((Record) r)) : records;
  }

  private static boolean hasMember(Record record) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        if (component.getAccessor().invoke(record) != null) {
          return true;
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return false;
  }

  @Provide
  Arbitrary<Object> smallRecords() {
    return Arbitraries.oneOf(
        counts().map(NotificationChannelLifetime::new),
        Combinators.combine(counts(), counts()).as(ConnCheck::new),
        counts().map(ConnAck::new));
  }

  // ================================================================ notification ingress

  enum Shape { SINGLE, ARRAY, OBJECT }

  /** Notifications of one name: one object, or (object form only) an array of them. */
  record Group(String name, List<Json> contents, boolean array) {}

  record Expected(String name, byte[] body, String content) {}

  /**
   * A notification POST: its shape, its notifications, and the whitespace put between tokens
   * (used in turn, round robin).
   */
  record Ingress(Shape shape, List<Group> groups, List<String> gaps) {
    record Rendered(byte[] body, List<Expected> expected) {}

    Rendered render() {
      Writer w = new Writer(gaps);
      List<Expected> expected = new ArrayList<>();
      switch (shape) {
        case SINGLE -> {
          Group group = groups.get(0);
          w.gap();
          int start = w.position();
          w.notification(group.name(), group.contents().get(0));
          int end = w.position();
          w.gap();
          expected.add(new Expected(group.name(), w.slice(start, end), CodecPropertiesTest.render(group.contents().get(0))));
        }
        case ARRAY -> {
          w.open("{").key("notificationList").token("[");
          List<int[]> spans = new ArrayList<>();
          List<String[]> meta = new ArrayList<>();
          boolean first = true;
          for (Group group : groups) {
            for (Json content : group.contents()) {
              if (!first) {
                w.token(",");
              }
              first = false;
              w.gap();
              int start = w.position();
              w.notification(group.name(), content);
              spans.add(new int[] {start, w.position()});
              meta.add(new String[] {group.name(), CodecPropertiesTest.render(content)});
              w.gap();
            }
          }
          w.token("]").token("}");
          for (int i = 0; i < spans.size(); i++) {
            expected.add(new Expected(meta.get(i)[0], w.slice(spans.get(i)[0], spans.get(i)[1]), meta.get(i)[1]));
          }
        }
        case OBJECT -> {
          w.open("{").key("notificationList").token("{");
          List<Runnable> later = new ArrayList<>();
          for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            if (g > 0) {
              w.token(",");
            }
            w.gap();
            int nameStart = w.position();
            w.raw(jsonString(group.name())).gap().raw(":").gap();
            if (!group.array()) {
              w.json(group.contents().get(0));
              int end = w.position();
              String content = CodecPropertiesTest.render(group.contents().get(0));
              later.add(() -> expected.add(new Expected(group.name(), w.wrapped(nameStart, end, -1, -1), content)));
            } else {
              int bracket = w.position();
              w.raw("[");
              for (int i = 0; i < group.contents().size(); i++) {
                if (i > 0) {
                  w.token(",");
                }
                w.gap();
                int itemStart = w.position();
                w.json(group.contents().get(i));
                int itemEnd = w.position();
                String content = CodecPropertiesTest.render(group.contents().get(i));
                later.add(() -> expected.add(new Expected(group.name(), w.wrapped(nameStart, bracket, itemStart, itemEnd), content)));
                w.gap();
              }
              w.raw("]");
            }
            w.gap();
          }
          w.token("}").token("}");
          later.forEach(Runnable::run);
        }
      }
      return new Rendered(w.bytes(), expected);
    }
  }

  /** Writes UTF-8 with whitespace between tokens and knows byte positions. */
  private static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> gaps;
    private int nextGap;
    private byte[] finished;

    Writer(List<String> gaps) {
      this.gaps = gaps;
    }

    int position() {
      return out.size();
    }

    Writer raw(String s) {
      byte[] b = utf8(s);
      out.write(b, 0, b.length);
      return this;
    }

    Writer gap() {
      return raw(gaps.get(nextGap++ % gaps.size()));
    }

    Writer open(String s) {
      return gap().raw(s);
    }

    Writer token(String s) {
      return gap().raw(s);
    }

    Writer key(String name) {
      return gap().raw(jsonString(name)).gap().raw(":");
    }

    void notification(String name, Json content) {
      raw("{").gap().raw(jsonString(name)).gap().raw(":").gap();
      json(content);
      gap().raw("}");
    }

    /** A value with whitespace between all its tokens. */
    void json(Json json) {
      if (json instanceof JsonLiteral literal) {
        raw(literal.text());
      } else if (json instanceof JsonArray array) {
        raw("[");
        for (int i = 0; i < array.items().size(); i++) {
          gap().raw(i == 0 ? "" : ",").gap();
          json(array.items().get(i));
        }
        gap().raw("]");
      } else {
        JsonObject object = (JsonObject) json;
        raw("{");
        for (int i = 0; i < object.members().size(); i++) {
          gap().raw(i == 0 ? "" : ",").gap().raw(jsonString(object.members().get(i).name())).gap().raw(":").gap();
          json(object.members().get(i).value());
        }
        gap().raw("}");
      }
    }

    byte[] bytes() {
      if (finished == null) {
        finished = out.toByteArray();
      }
      return finished;
    }

    byte[] slice(int from, int to) {
      return Arrays.copyOfRange(out.toByteArray(), from, to);
    }

    /** '{' + [from, to) + [from2, to2) + '}', as the reader builds an object-form notification. */
    byte[] wrapped(int from, int to, int from2, int to2) {
      byte[] all = bytes();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write('{');
      b.write(all, from, to - from);
      if (from2 >= 0) {
        b.write(all, from2, to2 - from2);
      }
      b.write('}');
      return b.toByteArray();
    }
  }

  @Provide
  Arbitrary<Ingress> ingress() {
    Arbitrary<Json> objects = jsonObjects(jsonTrees(true, 2), true);
    Arbitrary<String> names = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of("movieNotification", "presenceNotification", "a", "notificationList", "")),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12).filter(CodecPropertiesTest::wellFormedUtf16)));
    Arbitrary<String> gaps = Arbitraries.strings().withChars(" \t\r\n").ofMaxLength(3);
    Arbitrary<Group> first = Combinators.combine(
            names.filter(name -> !name.equals(Names.NOTIFICATION_LIST)), // a single one so named would be a list
            objects.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false))
        .as((name, list, array) -> new Group(name, list, array || list.size() != 1));
    Arbitrary<Group> more = Combinators.combine(names, objects.list().ofMaxSize(3), Arbitraries.of(true, false))
        .as((name, list, array) -> new Group(name, list, array || list.size() != 1));
    return Combinators.combine(Arbitraries.of(Shape.class), first, more.list().ofMaxSize(3), gaps.list().ofMinSize(1).ofMaxSize(7))
        .as((shape, group, others, gapList) -> {
          List<Group> groups = new ArrayList<>();
          groups.add(group);
          if (shape != Shape.SINGLE) {
            groups.addAll(others);
          }
          return new Ingress(shape, groups, gapList);
        });
  }

  // ================================================================ helpers

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @SafeVarargs
  private static <T> List<T> concat(List<? extends T>... lists) {
    List<T> all = new ArrayList<>();
    for (List<? extends T> list : lists) {
      all.addAll(list);
    }
    return List.copyOf(all);
  }
}
