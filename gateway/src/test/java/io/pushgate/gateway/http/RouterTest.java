package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.GatewayConfigs;
import io.pushgate.gateway.http.Router.BadPathException;
import io.pushgate.gateway.http.Router.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {
  private final Router router = new Router(GatewayConfigs.defaults());
  private final Router behindPrefix = new Router(GatewayConfigs.withPublicUrl("http://example.com/exampleAPI"));

  @Test
  void testChannelsWithEncodedTelUser() throws Exception {
    Route route = router.match("/notificationchannel/v1/tel%3A%2B19585550100/channels").orElseThrow();
    assertEquals(Route.management(Resource.CHANNELS, "tel:+19585550100", null), route);
  }

  @Test
  void testPlusStaysPlusInAPathSegment() throws Exception {
    Route route = router.match("/notificationchannel/v1/tel:+19585550100/channels/ch1?x=1").orElseThrow();
    assertEquals(Route.management(Resource.CHANNEL, "tel:+19585550100", "ch1"), route);
  }

  @Test
  void testLifetimeAndTrailingSlash() throws Exception {
    assertEquals(Route.management(Resource.CHANNEL_LIFETIME, "acr:pseudonym123", "ch9"),
        router.match("/notificationchannel/v1/acr%3Apseudonym123/channels/ch9/channelLifetime/").orElseThrow());
  }

  @Test
  void testBasePathOfThePublicUrlIsOptional() throws Exception {
    assertEquals(Resource.CHANNELS, behindPrefix.match("/exampleAPI/notificationchannel/v1/u/channels")
        .orElseThrow().resource());
    assertEquals(Resource.CHANNELS, behindPrefix.match("/notificationchannel/v1/u/channels").orElseThrow().resource());
  }

  @Test
  void testMoviesRoutes() throws Exception {
    assertEquals(Route.management(Resource.MOVIES, null, null), router.match("/movies/v1/movies?offset=5").orElseThrow());
    assertEquals(Route.management(Resource.MOVIE, null, "glass-harbor"), router.match("/movies/v1/movies/glass-harbor").orElseThrow());
    assertEquals(Route.management(Resource.MOVIE_SUBSCRIPTIONS, "tel:+1", null),
        router.match("/movies/v1/tel%3A%2B1/subscriptions").orElseThrow());
    assertEquals(Route.management(Resource.MOVIE_SUBSCRIPTION, "u", "s1"), router.match("/movies/v1/u/subscriptions/s1/").orElseThrow());
    assertTrue(router.match("/movies/v1/movies/a/b").isEmpty());
    assertTrue(router.match("/movies/v1/u/other").isEmpty());
    assertTrue(router.match("/movies/v2/movies").isEmpty());
  }

  @Test
  void testCapabilityUrls() throws Exception {
    assertEquals(Route.capability(Resource.CALLBACK, "abc_-9"), router.match("/callbacks/abc_-9").orElseThrow());
    assertEquals(Route.capability(Resource.LONG_POLL, "tok"), router.match("/longpoll/tok?x=1").orElseThrow());
    assertEquals(Route.capability(Resource.WEBSOCKET, "tok"), behindPrefix.match("/exampleAPI/ws/tok").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/callbacks/", "/callbacks/a/b", "/callbacks/a%20b", "/ws/a.b", "/", "/notificationchannel/v1", "/notificationchannel/v1/", "/notificationchannel/v2/u/channels",
      "/v1/notificationchannel/u/channels", "/notificationchannel/v1/u", "/notificationchannel/v1/u/chanels",
      "/notificationchannel/v1/u/channels/c/other", "/notificationchannel/v1/u/channels/c/channelLifetime/x",
      "/notificationchannel/v1/u/channels//channelLifetime"})
  void testFailure_nothingServedThere(String path) throws Exception {
    assertTrue(router.match(path).isEmpty(), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/notificationchannel/v1/%ZZ/channels", "/notificationchannel/v1/%E2%28/channels",
      "/notificationchannel/v1/%/channels", "/notificationchannel/v1//channels"})
  void testFailure_badUserId(String path) {
    BadPathException e = assertThrows(BadPathException.class, () -> router.match(path));
    assertEquals("userId", e.part());
  }

  @Test
  void testFailure_tooLongUserId() {
    String path = "/notificationchannel/v1/" + "a".repeat(Router.MAX_USER_ID_LENGTH + 1) + "/channels";
    assertThrows(BadPathException.class, () -> router.match(path));
  }

  @Test
  void testEncodeIsTheInverseOfDecode() {
    for (String userId : new String[] {"tel:+19585550100", "acr:pseudonym123", "sip:a@b.c", "ünï cödé/x?y#z%"}) {
      String encoded = PathSegments.encode(userId);
      assertTrue(encoded.matches("[A-Za-z0-9._~%-]+"), encoded);
      assertEquals(userId, PathSegments.decode(encoded));
    }
    assertEquals("tel%3A%2B19585550100", PathSegments.encode("tel:+19585550100"));
  }
}
