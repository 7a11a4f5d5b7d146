// The movies tour of pushgate, narrated: read movies, create a WebSocket channel, open the socket,
// subscribe to a movie with the channel's callbackURL, move the movie's premiere, print the
// notification that arrives. Needs only a JDK 17: run through ./scripts/demo.
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Demo {
  static final String SUBPROTOCOL = "notificationchannel-netapi-rest.openmobilealliance.org";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static String token;

  public static void main(String[] args) throws Exception {
    String url = "http://localhost:8080";
    String user = "tel:+19585550100";
    String movieId = "glass-harbor";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--user" -> user = args[++i];
        case "--movie" -> movieId = args[++i];
        case "--token" -> token = args[++i];
        default -> {
          System.out.println("usage: scripts/demo [--url http://localhost:8080] [--user tel:+19585550100] [--movie glass-harbor] [--token JWT]");
          System.exit(args[i].equals("--help") ? 0 : 2);
        }
      }
    }
    String userPath = URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%2B");

    step("1. The movies on offer (the sample enabler, GET /movies/v1/movies)");
    String list = call("GET", url + "/movies/v1/movies?limit=5", null);
    Matcher m = Pattern.compile("\"movieId\":\"([^\"]+)\",\"title\":\"([^\"]+)\",\"premiereDate\":\"([^\"]+)\"").matcher(list);
    while (m.find()) {
      System.out.printf("   %-26s %-30s premieres %s%n", m.group(1), m.group(2), m.group(3));
    }
    String movie = call("GET", url + "/movies/v1/movies/" + movieId, null);
    String title = field(movie, "title");
    LocalDate premiere = LocalDate.parse(field(movie, "premiereDate"));
    System.out.println("   We will follow \"" + title + "\", premiering " + premiere + ".");

    step("2. Create a WebSockets notification channel for " + user);
    String channel = call("POST", url + "/notificationchannel/v1/" + userPath + "/channels",
        "{\"notificationChannel\": {\"channelType\": \"WebSockets\", \"clientCorrelator\": \"demo-" + System.nanoTime() + "\"}}");
    String channelUrl = field(channel, "channelURL");
    String callbackUrl = field(channel, "callbackURL");
    String resourceUrl = field(channel, "resourceURL");
    System.out.println("   channelURL  (the client listens here):          " + channelUrl);
    System.out.println("   callbackURL (given to the services we subscribe): " + callbackUrl);

    step("3. Open the WebSocket with the subprotocol " + SUBPROTOCOL);
    LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    WebSocket socket = HTTP.newWebSocketBuilder().subprotocols(SUBPROTOCOL)
        .buildAsync(URI.create(channelUrl), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              messages.add(partial.toString());
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    System.out.println("   connected; the server chose subprotocol " + socket.getSubprotocol());

    step("4. Subscribe to \"" + title + "\" at the movies service, with the channel's callbackURL as notifyURL");
    String subscription = call("POST", url + "/movies/v1/" + userPath + "/subscriptions",
        "{\"movieSubscription\": {\"callbackReference\": {\"notifyURL\": \"" + callbackUrl
            + "\", \"callbackData\": \"demo\"}, \"movieId\": \"" + movieId + "\"}}");
    String subscriptionUrl = field(subscription, "resourceURL");

    LocalDate moved = premiere.plusWeeks(1);
    step("5. The studio moves the premiere to " + moved + " (PATCH /movies/v1/movies/" + movieId + ")");
    call("PATCH", url + "/movies/v1/movies/" + movieId, "{\"movie\": {\"premiereDate\": \"" + moved + "\"}}");

    step("6. The notification arrives on the WebSocket");
    String frame = messages.poll(10, TimeUnit.SECONDS);
    int status = 0;
    if (frame == null) {
      System.out.println("   nothing arrived within 10 seconds: something is wrong");
      status = 1;
    } else {
      System.out.println(indent(frame));
    }

    step("7. Clean up: delete the subscription and the channel");
    call("DELETE", subscriptionUrl, null);
    call("DELETE", resourceUrl, null);
    socket.abort();
    System.exit(status);
  }

  static void step(String text) {
    System.out.println();
    System.out.println("== " + text);
  }

  /** Sends a request, prints it the way curl would be written, and returns the body; exits on an error status. */
  static String call(String method, String url, String json) throws Exception {
    System.out.println("   $ curl -X " + method + " '" + url + "'" + (token == null ? "" : " -H \"Authorization: Bearer $TOKEN\"")
        + (json == null ? "" : " -H 'Content-Type: application/json' -d '" + json + "'"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      System.out.println("   cannot reach the gateway at " + url + ": start it with ./scripts/run (or pass --url)");
      System.exit(1);
      return null;
    }
    System.out.println("   " + response.statusCode() + (response.body().isEmpty() ? "" : " " + shorten(response.body())));
    if (response.statusCode() >= 300) {
      System.exit(1);
    }
    return response.body();
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  static String shorten(String text) {
    return text.length() <= 160 ? text : text.substring(0, 157) + "...";
  }

  /** A readable rendering of compact JSON (strings never contain braces in this demo). */
  static String indent(String json) {
    StringBuilder out = new StringBuilder("   ");
    int depth = 0;
    boolean inString = false;
    for (char c : json.toCharArray()) {
      if (c == '"') {
        inString = !inString;
      }
      if (!inString && (c == '}' || c == ']')) {
        out.append('\n').append("   ").append("  ".repeat(--depth));
      }
      out.append(c);
      if (!inString && (c == '{' || c == '[')) {
        out.append('\n').append("   ").append("  ".repeat(++depth));
      } else if (!inString && c == ',') {
        out.append('\n').append("   ").append("  ".repeat(depth));
      } else if (!inString && c == ':') {
        out.append(' ');
      }
    }
    return out.toString();
  }
}
