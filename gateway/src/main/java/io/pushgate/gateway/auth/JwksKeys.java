package io.pushgate.gateway.auth;

import com.nimbusds.jose.jwk.JWK;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of an identity provider (RS256/ES256), from a JWKS file or URL. Verification only
 * reads the keys in memory; a URL is fetched at start and refreshed every {@link #REFRESH} on its own
 * thread, so no request ever waits for the network.
 *
 * <p>Whoever caches what the keys verified is told which keys are in force, at start and after every
 * refresh ({@link KeysInForce}), so that a key the provider withdraws (a rotation after a compromise)
 * stops letting its tokens in at that refresh, not later.
 */
final class JwksKeys implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);
  static final Duration REFRESH = Duration.ofMinutes(10);

  /** Told the keys in force; answers how many cached tokens it dropped because their key is not among them. */
  @FunctionalInterface
  interface KeysInForce {
    int keysInForce(Set<PublishedKey> keys);
  }

  private final URI url;
  private final HttpClient client;
  private final KeysInForce told;
  private volatile JWKSet keys;
  /** The identities of {@link #keys}; under this object's lock, like a refresh. */
  private Set<PublishedKey> published;
  private ScheduledExecutorService refresher;

  /** {@code url} and {@code client} are null for keys from a file, which are never refreshed. */
  private JwksKeys(JWKSet keys, URI url, HttpClient client, KeysInForce told) {
    this.url = url;
    this.client = client;
    this.told = told;
    this.keys = keys;
    this.published = PublishedKey.of(keys);
    told.keysInForce(published);
  }

  static JwksKeys fromFile(Path file, KeysInForce told) {
    JWKSet keys;
    try {
      keys = JWKSet.load(file.toFile());
    } catch (IOException | ParseException e) {
      throw new InvalidConfigurationException("--jwks-file " + file + " is not a readable JWKS: " + e.getMessage());
    }
    log.info("loaded {} key(s) from the JWKS file {}", keys.getKeys().size(), file);
    return new JwksKeys(keys, null, null, told);
  }

  static JwksKeys fromUrl(URI url, KeysInForce told) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    JWKSet keys = fetch(client, url);
    log.info("loaded {} key(s) from the JWKS URL {}", keys.getKeys().size(), url);
    JwksKeys holder = new JwksKeys(keys, url, client, told);
    holder.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "pushgate-jwks");
      thread.setDaemon(true);
      return thread;
    });
    holder.refresher.scheduleWithFixedDelay(() -> {
      try {
        holder.refresh();
      } catch (RuntimeException e) {
        log.warn("JWKS refresh from {} failed, keeping the previous keys: {}", url, e.getMessage());
      }
    }, REFRESH.toMinutes(), REFRESH.toMinutes(), TimeUnit.MINUTES);
    return holder;
  }

  /**
   * Fetches the URL's keys now and puts them in force; throws when the fetch fails, keeping the previous
   * keys. Runs every {@link #REFRESH} on the refresher's thread; tests call it directly.
   */
  synchronized void refresh() {
    if (url == null) {
      throw new IllegalStateException("keys from a file are not refreshed");
    }
    JWKSet fresh = fetch(client, url);
    Set<PublishedKey> inForce = PublishedKey.of(fresh);
    keys = fresh; // from now on the verifier refuses tokens signed with a withdrawn key...
    int dropped = told.keysInForce(inForce); // ...and the cache forgets those it had verified with one
    long withdrawn = published.stream().filter(key -> !inForce.contains(key)).count();
    published = inForce;
    if (withdrawn > 0) {
      log.info("JWKS refresh from {}: {} key(s), {} withdrawn, {} cached token(s) verified with them dropped", url,
          fresh.getKeys().size(), withdrawn, dropped);
    } else {
      log.info("loaded {} key(s) from the JWKS URL {}", fresh.getKeys().size(), url);
    }
  }

  private static JWKSet fetch(HttpClient client, URI url) {
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException("HTTP " + response.statusCode());
      }
      return JWKSet.parse(response.body());
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("--jwks-url " + url + " did not give a JWKS: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The keys as Nimbus reads them: always from memory. What it selects for a token is noted in the
   * token's {@link KeyCandidates}, to learn which key verified it.
   */
  JWKSource<SecurityContext> source() {
    return (selector, context) -> {
      List<JWK> selected = selector.select(keys);
      if (context instanceof KeyCandidates candidates) {
        candidates.offered(selected);
      }
      return selected;
    };
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }
}
