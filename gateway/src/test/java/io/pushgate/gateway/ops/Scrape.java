package io.pushgate.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pushgate.gateway.TestGateway;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A Prometheus text scrape of a gateway's admin /metrics, as series → value. */
final class Scrape {
  private final Map<String, Double> series = new HashMap<>();
  private final String text;

  private Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
  }

  static Scrape of(TestGateway gateway) {
    HttpResponse<String> response = gateway.get("http://127.0.0.1:" + gateway.component().gateway().adminPort() + "/metrics");
    assertEquals(200, response.statusCode());
    return new Scrape(response.body());
  }

  /** The value of one series, e.g. {@code pushgate_connections{transport="websocket"}}; 0 when absent. */
  double value(String name) {
    return series.getOrDefault(name, 0.0);
  }

  /** Whether any series of the metric family {@code name} is present. */
  boolean has(String name) {
    return series.keySet().stream().anyMatch(key -> inFamily(key, name));
  }

  /** Every series of the metric family {@code name}, with its value. */
  Map<String, Double> family(String name) {
    Map<String, Double> family = new HashMap<>();
    series.forEach((key, value) -> {
      if (inFamily(key, name)) {
        family.put(key, value);
      }
    });
    return family;
  }

  private static boolean inFamily(String series, String name) {
    return series.equals(name) || series.startsWith(name + "{");
  }

  String text() {
    return text;
  }
}
