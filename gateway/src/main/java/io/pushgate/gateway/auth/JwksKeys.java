package io.pushgate.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.pushgate.gateway.InvalidConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of an identity provider (RS256/ES256), from a JWKS file or URL. Verification only
 * reads the keys in memory; a URL is fetched at start and refreshed every {@link #REFRESH} on its own
 * thread, so no request ever waits for the network.
 */
final class JwksKeys implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);
  static final Duration REFRESH = Duration.ofMinutes(10);

  private volatile JWKSet keys;
  private ScheduledExecutorService refresher;

  private JwksKeys(JWKSet keys) {
    this.keys = keys;
  }

  static JwksKeys fromFile(Path file) {
    try {
      JWKSet keys = JWKSet.load(file.toFile());
      log.info("loaded {} key(s) from the JWKS file {}", keys.getKeys().size(), file);
      return new JwksKeys(keys);
    } catch (IOException | ParseException e) {
      throw new InvalidConfigurationException("--jwks-file " + file + " is not a readable JWKS: " + e.getMessage());
    }
  }

  static JwksKeys fromUrl(URI url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    JwksKeys holder = new JwksKeys(fetch(client, url));
    holder.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "pushgate-jwks");
      thread.setDaemon(true);
      return thread;
    });
    holder.refresher.scheduleWithFixedDelay(() -> {
      try {
        holder.keys = fetch(client, url);
      } catch (RuntimeException e) {
        log.warn("JWKS refresh from {} failed, keeping the previous keys: {}", url, e.getMessage());
      }
    }, REFRESH.toMinutes(), REFRESH.toMinutes(), TimeUnit.MINUTES);
    return holder;
  }

  private static JWKSet fetch(HttpClient client, URI url) {
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException("HTTP " + response.statusCode());
      }
      JWKSet keys = JWKSet.parse(response.body());
      log.info("loaded {} key(s) from the JWKS URL {}", keys.getKeys().size(), url);
      return keys;
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("--jwks-url " + url + " did not give a JWKS: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The keys as Nimbus reads them: always from memory. */
  JWKSource<SecurityContext> source() {
    return (selector, context) -> selector.select(keys);
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }
}
