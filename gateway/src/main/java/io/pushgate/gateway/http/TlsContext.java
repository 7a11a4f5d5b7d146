package io.pushgate.gateway.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.InvalidConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The public listener's TLS (TLS 1.2 and 1.3), from PEM files, built once; empty without --tls-cert. */
@Singleton
final class TlsContext {
  private static final Logger log = LoggerFactory.getLogger(TlsContext.class);

  private final Optional<SslContext> context;

  @Inject
  TlsContext(GatewayConfig config) {
    GatewayConfig.Security security = config.security();
    if (!security.tls()) {
      this.context = Optional.empty();
      return;
    }
    try {
      this.context = Optional.of(SslContextBuilder
          .forServer(security.tlsCert().get().toFile(), security.tlsKey().get().toFile())
          .protocols("TLSv1.3", "TLSv1.2")
          .build());
      log.info("TLS on: certificate {}", security.tlsCert().get());
    } catch (SSLException | IllegalArgumentException e) {
      throw new InvalidConfigurationException("--tls-cert/--tls-key cannot be used: " + e.getMessage(), e);
    }
  }

  Optional<SslContext> context() {
    return context;
  }
}
