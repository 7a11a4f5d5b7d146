package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.GatewayConfigs;
import io.pushgate.gateway.http.Router.BadPathException;
import io.pushgate.gateway.http.Router.Route;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Property-based tests of the {@link Router} and {@link PathSegments} (security issue: random and
 * mutated inputs never cause a 5xx). The router runs on every request before anything else, so any
 * exception but {@link BadPathException} (a 400) would be a 500.
 */
class RouterPropertiesTest {
  private static final Router ROUTER = new Router(GatewayConfigs.defaults());
  private static final Router BEHIND_PREFIX = new Router(GatewayConfigs.withPublicUrl("http://example.com/exampleAPI"));

  private static final Set<String> PARTS = Set.of("userId", "channelId", "movieId", "subscriptionId");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<Resource> CAPABILITIES = EnumSet.of(Resource.CALLBACK, Resource.LONG_POLL, Resource.WEBSOCKET);
  private static final Set<Resource> NEED_USER = EnumSet.of(Resource.CHANNELS, Resource.CHANNEL, Resource.CHANNEL_LIFETIME,
      Resource.MOVIE_SUBSCRIPTIONS, Resource.MOVIE_SUBSCRIPTION);
  private static final Set<Resource> NEED_ID = EnumSet.of(Resource.CHANNEL, Resource.CHANNEL_LIFETIME, Resource.MOVIE,
      Resource.MOVIE_SUBSCRIPTION);

  // ---------------------------------------------------------------- arbitrary URIs

  /** Whatever the request-target, match() returns a well-formed route or nothing, or refuses with a 400. */
  @Property(tries = 1000)
  void anyUriIsRoutedOrRefused(@ForAll("uris") String uri) {
    checkMatch(ROUTER, uri);
    checkMatch(BEHIND_PREFIX, uri);
    checkMatch(BEHIND_PREFIX, "/exampleAPI" + uri);
  }

  /** Completely arbitrary strings too, every UTF-16 unit included (lone surrogates, controls). */
  @Property(tries = 1000)
  void anyStringIsRoutedOrRefused(@ForAll("anyStrings") String uri) {
    checkMatch(ROUTER, uri);
    checkMatch(ROUTER, Router.API_PREFIX + uri);
    checkMatch(ROUTER, Router.MOVIES_PREFIX + uri);
  }

  @Provide
  Arbitrary<String> anyStrings() {
    return Arbitraries.strings().all().ofMaxLength(300);
  }

  private static void checkMatch(Router router, String uri) {
    Optional<Route> route;
    try {
      route = router.match(uri);
    } catch (BadPathException e) {
      assertTrue(PARTS.contains(e.part()), () -> "refused " + uri + " naming " + e.part());
      return;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("match(" + uri + ") threw " + e, e);
    }
    assertNotNull(route, uri);
    route.ifPresent(r -> {
      assertNotNull(r.resource(), uri);
      if (CAPABILITIES.contains(r.resource())) {
        assertTrue(r.token() != null && TOKEN.matcher(r.token()).matches(), () -> uri + " -> " + r);
        assertTrue(r.userId() == null && r.id() == null, () -> uri + " -> " + r);
      } else {
        assertEquals(NEED_USER.contains(r.resource()), r.userId() != null, () -> uri + " -> " + r);
        if (r.userId() != null) {
          assertTrue(!r.userId().isEmpty() && r.userId().length() <= Router.MAX_USER_ID_LENGTH, () -> uri + " -> " + r);
        }
        assertEquals(NEED_ID.contains(r.resource()), r.id() != null, () -> uri + " -> " + r);
        if (r.id() != null) {
          assertTrue(!r.id().isEmpty(), () -> uri + " -> " + r);
        }
      }
    });
  }

  /**
   * Request-targets built from the shapes the router knows, with random segments: percent-escapes
   * valid and invalid (truncated, non-hex, bad UTF-8, overlong, surrogates), unicode, {@code ..},
   * {@code //}, trailing slashes, queries and fragments, absolute URIs.
   */
  @Provide
  Arbitrary<String> uris() {
    Arbitrary<String> prefixes = Arbitraries.of("", "/", Router.API_PREFIX, Router.API_PREFIX, Router.API_PREFIX,
        Router.MOVIES_PREFIX, Router.MOVIES_PREFIX, "/callbacks/", "/longpoll/", "/ws/", "/notificationchannel/v1",
        "/notificationchannel/v2/", "http://localhost:8080" + Router.API_PREFIX, "*", "//", "/exampleAPI/");
    Arbitrary<String> escapes = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b))),
        Tuple.of(1, Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02x", b))),
        Tuple.of(2, Arbitraries.of("%", "%4", "%G0", "%%", "%-1", "%+1", "%\u00e9", "%C3", "%C3%28", "%E2%82",
            "%F0%9F%98", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%FF", "%00", "%2F", "%3F", "%23", "%25", "%2e%2e")));
    Arbitrary<String> pieces = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars("-_.~:+@!$'()*,;=").ofMaxLength(10)),
        Tuple.of(3, escapes),
        Tuple.of(2, Arbitraries.of("channels", "channelLifetime", "subscriptions", "movies", "..", ".", "", "u",
            "tel:+19585550100", "acr%3Apseudonym123")),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(4)),
        Tuple.of(1, Arbitraries.of("\u00e9", "\ud83d\ude00", "\ud800", "\u0000", " ", "?", "#", "\\")));
    Arbitrary<String> segments = pieces.list().ofMaxSize(4).map(list -> String.join("", list));
    Arbitrary<String> path = Combinators.combine(segments.list().ofMaxSize(6), Arbitraries.of("/", "/", "/", "//", "/./", "/../"))
        .as((list, separator) -> String.join(separator, list));
    Arbitrary<String> suffixes = Arbitraries.of("", "", "", "/", "?", "?x=1", "?a=%ZZ&b", "#frag", "?q#f", "/?", "//");
    return Combinators.combine(prefixes, path, suffixes).as((prefix, middle, suffix) -> prefix + middle + suffix);
  }

  // ---------------------------------------------------------------- encode, then match

  enum Shape {
    CHANNELS, CHANNEL, CHANNEL_LIFETIME, MOVIE_SUBSCRIPTION;

    String path(String encodedUser, String encodedId) {
      return switch (this) {
        case CHANNELS -> Router.API_PREFIX + encodedUser + "/channels";
        case CHANNEL -> Router.API_PREFIX + encodedUser + "/channels/" + encodedId;
        case CHANNEL_LIFETIME -> Router.API_PREFIX + encodedUser + "/channels/" + encodedId + "/channelLifetime";
        case MOVIE_SUBSCRIPTION -> Router.MOVIES_PREFIX + encodedUser + "/subscriptions/" + encodedId;
      };
    }

    Route expected(String userId, String id) {
      return switch (this) {
        case CHANNELS -> Route.management(Resource.CHANNELS, userId, null);
        case CHANNEL -> Route.management(Resource.CHANNEL, userId, id);
        case CHANNEL_LIFETIME -> Route.management(Resource.CHANNEL_LIFETIME, userId, id);
        case MOVIE_SUBSCRIPTION -> Route.management(Resource.MOVIE_SUBSCRIPTION, userId, id);
      };
    }
  }

  /**
   * Any userId of 1 to 256 UTF-16 units (valid Unicode: a lone surrogate has no UTF-8 form) and any
   * non-empty id, percent-encoded by {@link PathSegments#encode}, come back exactly from match(), for
   * every resource shape, with or without a trailing slash, query or fragment, in either hex case,
   * with or without the public URL's base path. The one exclusion: a userId of {@code movies} under
   * {@code /movies/v1/} names the movies collection, by design.
   */
  @Property(tries = 500)
  void encodedVariablesComeBackExactly(@ForAll("userIds") String userId, @ForAll("ids") String id,
      @ForAll Shape shape, @ForAll("suffixes") String suffix, @ForAll boolean lowerCaseHex, @ForAll boolean behindPrefix)
      throws BadPathException {
    Assume.that(shape != Shape.MOVIE_SUBSCRIPTION || !userId.equals("movies"));
    String path = shape.path(encode(userId, lowerCaseHex), encode(id, lowerCaseHex)) + suffix;
    Router router = behindPrefix ? BEHIND_PREFIX : ROUTER;
    String uri = behindPrefix ? "/exampleAPI" + path : path;
    assertEquals(Optional.of(shape.expected(userId, id)), router.match(uri), uri);
  }

  /** A userId longer than 256 UTF-16 units is refused, whatever its characters. */
  @Property(tries = 200)
  void tooLongUserIdsAreRefused(@ForAll("tooLongUserIds") String userId, @ForAll Shape shape) {
    String uri = shape.path(PathSegments.encode(userId), "c");
    BadPathException refused = org.junit.jupiter.api.Assertions.assertThrows(BadPathException.class, () -> ROUTER.match(uri));
    assertEquals("userId", refused.part());
  }

  /** encode() output is only unreserved characters and escapes, and decode() inverts it. */
  @Property(tries = 500)
  void encodeIsInvertedByDecode(@ForAll("userIds") String segment) {
    String encoded = PathSegments.encode(segment);
    assertTrue(encoded.matches("[A-Za-z0-9._~-]*(%[0-9A-F]{2}[A-Za-z0-9._~-]*)*"), encoded);
    assertEquals(segment, PathSegments.decode(encoded));
  }

  @Provide
  Arbitrary<String> userIds() {
    return unicode(1, Router.MAX_USER_ID_LENGTH);
  }

  @Provide
  Arbitrary<String> tooLongUserIds() {
    return unicode(1, 40).map(s -> s.repeat(Router.MAX_USER_ID_LENGTH / s.length() + 1));
  }

  @Provide
  Arbitrary<String> ids() {
    return unicode(1, 64);
  }

  @Provide
  Arbitrary<String> suffixes() {
    return Arbitraries.of("", "/", "?x=1", "?", "#f", "/?a=b#c");
  }

  /**
   * Valid Unicode strings of {@code min..max} UTF-16 units: mostly the characters real userIds have
   * (tel:, sip:, acr: URIs), also any code point, supplementary ones included.
   */
  private static Arbitrary<String> unicode(int min, int max) {
    Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("abcxyzABCXYZ0123456789:+@.-_~%/?#[]!$&'()*,;= ".chars().boxed().toList())),
        Tuple.of(2, Arbitraries.integers().between(0, 0x7F)),
        Tuple.of(2, Arbitraries.integers().between(0x80, 0xFFFF).filter(c -> !Character.isSurrogate((char) c.intValue()))),
        Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
    return codePoints.list().ofMinSize(min).ofMaxSize(max).withSizeDistribution(RandomDistribution.biased())
        .map(list -> {
          StringBuilder s = list.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
          if (s.length() > max) {
            // supplementary characters take two units: cut, without splitting a pair
            s.setLength(Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
          }
          return s.toString();
        })
        .filter(s -> s.length() >= min);
  }

  private static String encode(String segment, boolean lowerCaseHex) {
    String encoded = PathSegments.encode(segment);
    if (!lowerCaseHex) {
      return encoded;
    }
    StringBuilder out = new StringBuilder(encoded);
    for (int i = encoded.indexOf('%'); i >= 0; i = encoded.indexOf('%', i + 1)) {
      out.replace(i + 1, i + 3, encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- decode on its own

  /** decode() on any string either returns or throws IllegalArgumentException (which the router maps to 400). */
  @Property(tries = 1000)
  void decodeReturnsOrRefuses(@ForAll("uris") String segment, @ForAll @IntRange(max = 3) int cut) {
    String s = segment.substring(0, Math.max(0, segment.length() - cut));
    try {
      assertNotNull(PathSegments.decode(s));
    } catch (IllegalArgumentException expected) {
      assertNotNull(expected.getMessage());
    } catch (RuntimeException e) {
      throw new AssertionError("decode(" + s + ") threw " + e, e);
    }
  }
}
