package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgate.gateway.Json;
import io.pushgate.gateway.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The movies REST API over real sockets: the seeded catalogue, CRUD, subscriptions, every refusal. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class MoviesApiTest {
  @RegisterExtension
  static final TestGateway gateway = TestGateway.perClass();
  private String movies;

  @BeforeAll
  void start() {
    movies = gateway.baseUrl() + "/movies/v1/movies";
  }

  private JsonNode json(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    return Json.parse(response.body());
  }

  @Test
  void testSuccess_seededCatalogueIsPaged() {
    JsonNode page = json(gateway.get(movies), 200).get("movieList");
    assertEquals("36", page.get("totalCount").asText());
    assertEquals(20, page.get("movie").size());
    JsonNode first = page.get("movie").get(0);
    assertEquals("night-bus-to-lisbon", first.get("movieId").asText(), "ordered by premiere date");
    assertEquals("2026-11-27", first.get("premiereDate").asText());
    assertEquals(movies + "/night-bus-to-lisbon", first.get("resourceURL").asText());
    JsonNode last = json(gateway.get(movies + "?offset=30&limit=10"), 200).get("movieList");
    assertEquals(6, last.get("movie").size());
    JsonNode none = json(gateway.get(movies + "?offset=100"), 200).get("movieList");
    assertNull(none.get("movie"));
    assertEquals(400, gateway.get(movies + "?limit=1000").statusCode());
    assertEquals(400, gateway.get(movies + "?offset=-1").statusCode());
  }

  @Test
  void testSuccess_readInJsonAndXml() {
    JsonNode movie = json(gateway.get(movies + "/glass-harbor"), 200).get("movie");
    assertEquals("Glass Harbor", movie.get("title").asText());
    assertEquals("118", movie.get("runtimeMinutes").asText());
    HttpResponse<String> xml = gateway.send("GET", movies + "/glass-harbor", null, "Accept", "application/xml");
    assertEquals(200, xml.statusCode());
    assertTrue(xml.body().startsWith("<movie>") && xml.body().contains("<title>Glass Harbor</title>"), xml.body());
    assertEquals(404, gateway.get(movies + "/no-such-movie").statusCode());
  }

  @Test
  void testSuccess_createReplacePatchDelete() {
    HttpResponse<String> created = gateway.postJson(movies,
        "{\"movie\": {\"title\": \"Tést Pattern: The Movie\", \"premiereDate\": \"2028-01-01\", \"runtimeMinutes\": 90}}");
    JsonNode movie = json(created, 201).get("movie");
    String id = movie.get("movieId").asText();
    assertEquals("test-pattern-the-movie", id);
    assertEquals(movies + "/" + id, created.headers().firstValue("Location").orElseThrow());

    // the same title again gets a distinct id
    String second = json(gateway.postJson(movies,
        "{\"movie\": {\"title\": \"Tést Pattern: The Movie\", \"premiereDate\": \"2028-01-01\"}}"), 201)
        .get("movie").get("movieId").asText();
    assertTrue(second.startsWith(id + "-") && !second.equals(id), second);

    JsonNode replaced = json(gateway.putJson(movies + "/" + id,
        "{\"movie\": {\"title\": \"Test Pattern\", \"premiereDate\": \"2028-02-02\"}}"), 200).get("movie");
    assertEquals("Test Pattern", replaced.get("title").asText());
    assertNull(replaced.get("runtimeMinutes"), "PUT replaces every field");

    HttpResponse<String> patched = gateway.send("PATCH", movies + "/" + id, "{\"movie\": {\"premiereDate\": \"2028-03-03\"}}",
        "Content-Type", "application/json");
    JsonNode after = json(patched, 200).get("movie");
    assertEquals("2028-03-03", after.get("premiereDate").asText());
    assertEquals("Test Pattern", after.get("title").asText(), "PATCH keeps what it does not name");

    HttpResponse<String> xml = gateway.send("PATCH", movies + "/" + id,
        "<movie><genre>Documentary</genre></movie>", "Content-Type", "application/xml", "Accept", "application/xml");
    assertEquals(200, xml.statusCode(), xml.body());
    assertTrue(xml.body().contains("<genre>Documentary</genre>"), xml.body());

    assertEquals(204, gateway.send("DELETE", movies + "/" + id, null).statusCode());
    assertEquals(404, gateway.get(movies + "/" + id).statusCode());
    assertEquals(404, gateway.send("DELETE", movies + "/" + id, null).statusCode());
    assertEquals(204, gateway.send("DELETE", movies + "/" + second, null).statusCode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"movie\": {\"premiereDate\": \"2028-01-01\"}} | SVC0002 | title",
      "{\"movie\": {\"title\": \"X\"}} | SVC0002 | premiereDate",
      "{\"movie\": {\"title\": \"X\", \"premiereDate\": \"next year\"}} | SVC0002 | premiereDate",
      "{\"movie\": {\"title\": \"X\", \"premiereDate\": \"2028-01-01\", \"runtimeMinutes\": \"long\"}} | SVC0002 | runtimeMinutes",
      "{\"movie\": {\"title\": \"X\", \"premiereDate\": \"2028-01-01\", \"movieId\": \"glass-harbor\"}} | SVC0002 | movieId",
      "{\"movie\": {\"title\": \"X\", \"premiereDate\": \"2028-01-01\", \"movieId\": \"no spaces\"}} | SVC0002 | movieId",
      "{\"film\": {}} | SVC0002 | movie",
      "{\"movie\": | SVC0001 |"})
  void testFailure_badMovieIsRefusedAndChangesNothing(String body, String messageId, String part) {
    HttpResponse<String> response = gateway.postJson(movies, body);
    JsonNode error = json(response, 400).get("requestError").get("serviceException");
    assertEquals(messageId, error.get("messageId").asText());
    if (part != null) {
      assertEquals(part, error.get("variables").get(0).asText());
    }
    assertEquals("36", json(gateway.get(movies), 200).get("movieList").get("totalCount").asText());
  }

  @Test
  void testSuccess_subscriptionsCrudAndCorrelator() {
    String subs = gateway.baseUrl() + "/movies/v1/tel%3A%2B19585550100/subscriptions";
    String body = "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"http://127.0.0.1:9/x\", "
        + "\"callbackData\": \"abc\"}, \"movieId\": \"glass-harbor\", \"clientCorrelator\": \"s1\"}}";
    HttpResponse<String> created = gateway.postJson(subs, body);
    JsonNode subscription = json(created, 201).get("movieSubscription");
    String location = created.headers().firstValue("Location").orElseThrow();
    assertEquals(location, subscription.get("resourceURL").asText());
    assertEquals("JSON", subscription.get("callbackReference").get("notificationFormat").asText());
    HttpResponse<String> again = gateway.postJson(subs, body);
    assertEquals(200, again.statusCode());
    assertEquals(location, again.headers().firstValue("Location").orElseThrow());
    assertEquals(409, gateway.postJson(subs, body.replace("abc", "other")).statusCode());
    assertEquals(1, json(gateway.get(subs), 200).get("movieSubscriptionList").get("movieSubscription").size());
    assertEquals(200, gateway.get(location).statusCode());
    assertEquals(404, gateway.get(location.replace("tel%3A%2B19585550100", "someone-else")).statusCode());
    assertEquals(204, gateway.send("DELETE", location, null).statusCode());
    assertEquals(404, gateway.get(location).statusCode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"movieSubscription\": {}} | callbackReference",
      "{\"movieSubscription\": {\"callbackReference\": {}}} | callbackReference.notifyURL",
      "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"ftp://x/y\"}}} | callbackReference.notifyURL",
      "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"not a url\"}}} | callbackReference.notifyURL",
      "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"http://x/y\"}, \"movieId\": \"no-such-movie\"}} | movieId",
      "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"http://x/y\", \"notificationFormat\": \"YAML\"}}} | callbackReference.notificationFormat"})
  void testFailure_badSubscription(String body, String part) {
    JsonNode error = json(gateway.postJson(gateway.baseUrl() + "/movies/v1/u/subscriptions", body), 400)
        .get("requestError").get("serviceException");
    assertEquals(part, error.get("variables").get(0).asText());
  }

  @Test
  void testFailure_methodsNotAllowed() {
    assertEquals("GET, POST", gateway.send("DELETE", movies, null).headers().firstValue("Allow").orElse(""));
    assertEquals(405, gateway.send("POST", movies + "/glass-harbor", "{}", "Content-Type", "application/json").statusCode());
    assertEquals("GET, DELETE", gateway.send("PUT", gateway.baseUrl() + "/movies/v1/u/subscriptions/s", "{}",
        "Content-Type", "application/json").headers().firstValue("Allow").orElse(""));
  }
}
