package io.pushgate.gateway.metrics;

import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;

/** The one meter registry (Prometheus) and the gateway's meters over it. */
@Module
public interface MetricsModule {
  @Provides
  @Singleton
  static PrometheusMeterRegistry prometheus() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Provides
  @Singleton
  static MeterRegistry registry(PrometheusMeterRegistry prometheus) {
    return prometheus;
  }

  @Provides
  @Singleton
  static GatewayMetrics gatewayMetrics(MeterRegistry registry) {
    return new GatewayMetrics(registry);
  }
}
