package io.pushgate.gateway;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/**
 * The object graph of one gateway: everything is a singleton of this component, built from one
 * {@link GatewayConfig}. Per-connection handlers are made fresh through {@code Provider}s.
 */
@Singleton
@Component(modules = {GatewayModule.class, io.pushgate.gateway.metrics.MetricsModule.class})
public interface GatewayComponent {
  Gateway gateway();

  // The parts below are exposed for tests and for embedding; the gateway itself needs only gateway().

  io.pushgate.gateway.store.Database database();

  io.pushgate.gateway.store.ChannelRepository channelRepository();

  io.pushgate.gateway.store.NotificationRepository notificationRepository();

  io.pushgate.gateway.store.ChannelRowBatches channelRowBatches();

  io.pushgate.gateway.channel.ChannelService channelService();

  io.pushgate.gateway.http.HttpChannelInitializer httpChannelInitializer();

  EventLoops eventLoops();

  CpuExecutor cpuExecutor();

  ServingState servingState();

  io.pushgate.gateway.dispatch.LiveChannels liveChannels();

  io.pushgate.gateway.dispatch.NotificationLog notificationLog();

  io.pushgate.gateway.dispatch.LogTrimmer logTrimmer();

  io.pushgate.gateway.dispatch.DeliveryCursors deliveryCursors();

  io.pushgate.gateway.metrics.GatewayMetrics gatewayMetrics();

  io.pushgate.gateway.movies.WebhookSender webhookSender();

  /** Builds the graph from a validated configuration. */
  @Component.Factory
  interface Factory {
    GatewayComponent create(@BindsInstance GatewayConfig config);
  }

  static GatewayComponent create(GatewayConfig config) {
    return DaggerGatewayComponent.factory().create(config);
  }
}
