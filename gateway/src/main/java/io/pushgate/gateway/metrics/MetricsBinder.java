package io.pushgate.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.pushgate.gateway.EventLoops;
import io.pushgate.gateway.auth.TokenAuthenticator;
import io.pushgate.gateway.channel.ChannelCounts;
import io.pushgate.gateway.dispatch.LiveChannels;
import io.pushgate.gateway.dispatch.NotificationLog;
import io.pushgate.gateway.movies.WebhookSender;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;

/**
 * Binds, once at start, the counts components keep (drops, queue depths, channels, cached tokens) and
 * the standard binders: JVM memory, GC, threads, class loading, process CPU, file descriptors, uptime,
 * Netty's allocator and event loops. HikariCP's pool metrics are bound by the database itself.
 */
@Singleton
public final class MetricsBinder {
  private final GatewayMetrics metrics;
  private final NotificationLog notificationLog;
  private final LiveChannels liveChannels;
  private final WebhookSender webhooks;
  private final ChannelCounts channelCounts;
  private final EventLoops loops;
  private final TokenAuthenticator tokens;
  private boolean bound;

  @Inject
  MetricsBinder(GatewayMetrics metrics, NotificationLog notificationLog, LiveChannels liveChannels,
      WebhookSender webhooks, ChannelCounts channelCounts, EventLoops loops,
      TokenAuthenticator tokens) {
    this.metrics = metrics;
    this.notificationLog = notificationLog;
    this.liveChannels = liveChannels;
    this.webhooks = webhooks;
    this.channelCounts = channelCounts;
    this.loops = loops;
    this.tokens = tokens;
  }

  public synchronized void bind() {
    if (bound) {
      return;
    }
    bound = true;
    dropped("channel_queue_limit", notificationLog, NotificationLog::dropped);
    dropped("webhook_queue_full", webhooks, WebhookSender::dropped);
    dropped("webhook_failed", webhooks, WebhookSender::failed);
    metrics.counter("pushgate.webhooks.delivered", "Notifications POSTed to other servers' notifyURLs", webhooks,
        WebhookSender::delivered);
    metrics.counter("pushgate.slow_consumer.spilled",
        "Notifications a subscriber was too slow to take from memory, read back from the log instead",
        notificationLog, NotificationLog::spilled);
    metrics.gauge("pushgate.log.queue",
        "Notifications accepted, or reserved by a movie change, and waiting for their commit", notificationLog,
        NotificationLog::queued);
    metrics.gauge("pushgate.log.backlog", "Notifications stored and not yet confirmed, over the channels in memory",
        liveChannels, LiveChannels::backlog);
    metrics.gauge("pushgate.channels.live", "Channels in memory (in use since start)", liveChannels, LiveChannels::size);
    for (String type : ChannelCounts.TYPES) {
      metrics.gauge("pushgate.channels", "Channels by type (refreshed at each expiry sweep)", channelCounts,
          counts -> counts.count(type), "type", type);
    }
    metrics.gauge("pushgate.webhooks.pending", "Webhook deliveries in flight or waiting to retry", webhooks,
        WebhookSender::pending);
    metrics.gauge("pushgate.auth.cache.tokens", "Bearer tokens verified lately and remembered (at most 10,000)",
        tokens, TokenAuthenticator::cachedTokens);

    MeterRegistry registry = metrics.registry();
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // the allocator the connections use; every one Netty ships reports its memory, a custom one may not
    if (loops.allocator() instanceof ByteBufAllocatorMetricProvider allocator) {
      new NettyAllocatorMetrics(allocator).bindTo(registry);
    }
    new NettyEventExecutorMetrics(loops.group()).bindTo(registry);
  }

  /** One series of {@code pushgate.notifications.dropped}; reasons are a short fixed list. */
  private <T> void dropped(String reason, T source, ToDoubleFunction<T> count) {
    metrics.counter("pushgate.notifications.dropped", "Notifications dropped, by reason", source, count,
        "reason", reason);
  }
}
