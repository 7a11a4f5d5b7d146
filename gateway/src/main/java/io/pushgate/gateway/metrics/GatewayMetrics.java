package io.pushgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Every pushgate meter, created once, with bounded tags only (transport, route, status class,
 * outcome, reason; never a channel or a user). Hot paths call the recording methods here; counts that
 * components keep anyway are bound as function counters and gauges by {@link MetricsBinder}.
 * Names follow Micrometer's dotted style; Prometheus shows {@code pushgate.notifications.accepted}
 * as {@code pushgate_notifications_accepted_total}.
 */
public final class GatewayMetrics {
  /** How a notification reached its client. */
  public enum Transport { websocket, longpoll }

  /** Why a client was turned away before its request was served. */
  public enum Refusal { connection_limit, rate_limit }

  /** How a WebSocket opening handshake ended. */
  public enum Handshake { accepted, no_subprotocol, not_found, not_websocket, failed }

  /** Whether a bearer token was found among those verified lately (a miss costs a signature check). */
  public enum TokenLookup { hit, miss }

  private final MeterRegistry registry;
  private final Counter accepted;
  private final Map<Transport, Counter> delivered = new EnumMap<>(Transport.class);
  private final Map<Transport, DistributionSummary> perFrame = new EnumMap<>(Transport.class);
  private final Counter replayed;
  private final Timer deliveryLatency;
  private final DistributionSummary commitBatch;
  private final Timer commitLatency;
  private final Map<Handshake, Counter> handshakes = new EnumMap<>(Handshake.class);
  private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);
  private final Map<TokenLookup, Counter> tokenLookups = new EnumMap<>(TokenLookup.class);
  private final ConcurrentHashMap<String, Timer> requests = new ConcurrentHashMap<>();
  private final Map<Transport, AtomicInteger> connections = new EnumMap<>(Transport.class);

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = Counter.builder("pushgate.notifications.accepted")
        .description("Notifications committed to the log from enablers").register(registry);
    for (Transport transport : Transport.values()) {
      delivered.put(transport, Counter.builder("pushgate.notifications.delivered").tag("transport", transport.name())
          .description("Notifications written to clients").register(registry));
      perFrame.put(transport, DistributionSummary.builder("pushgate.frame.notifications").tag("transport", transport.name())
          .description("Notifications per notificationList written (its count is the frames written)")
          .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 500, 1000).register(registry));
      AtomicInteger open = new AtomicInteger();
      connections.put(transport, open);
      Gauge.builder("pushgate.connections", open, AtomicInteger::get).tag("transport", transport.name())
          .description("Open WebSockets and parked long polls").register(registry);
    }
    this.replayed = Counter.builder("pushgate.notifications.replayed")
        .description("Notifications delivered from the log (after a reconnect, a restart, or a slow client)")
        .register(registry);
    this.deliveryLatency = Timer.builder("pushgate.delivery.latency")
        .description("From an enabler's notification being accepted to it being written to its client")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    this.commitBatch = DistributionSummary.builder("pushgate.log.commit.batch")
        .description("Notifications written by one group commit")
        .serviceLevelObjectives(1, 2, 5, 10, 50, 100, 500, 1000, 4000).register(registry);
    this.commitLatency = Timer.builder("pushgate.log.commit.duration")
        .description("Time of one group commit (one binary COPY)").publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    for (Refusal reason : Refusal.values()) {
      refusals.put(reason, Counter.builder("pushgate.refused").tag("reason", reason.name())
          .description("Connections closed or requests answered 429 by a limit").register(registry));
    }
    for (Handshake outcome : Handshake.values()) {
      handshakes.put(outcome, Counter.builder("pushgate.websocket.handshakes").tag("outcome", outcome.name())
          .description("WebSocket opening handshakes by outcome").register(registry));
    }
    for (TokenLookup outcome : TokenLookup.values()) {
      tokenLookups.put(outcome, Counter.builder("pushgate.auth.cache.lookups").tag("outcome", outcome.name())
          .description("Bearer tokens looked up among those verified lately: a miss is verified (signature check)")
          .register(registry));
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A group commit of {@code notifications} took {@code nanos}. */
  public void committed(int notifications, long nanos) {
    accepted.increment(notifications);
    commitBatch.record(notifications);
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One list of {@code count} notifications was written to a client. */
  public void frameWritten(Transport transport, int count) {
    delivered.get(transport).increment(count);
    perFrame.get(transport).record(count);
  }

  /** A notification accepted at {@code acceptedNanos} (System.nanoTime) was just written; 0 means read back from the log. */
  public void notificationWritten(long acceptedNanos, long nowNanos) {
    if (acceptedNanos == 0) {
      replayed.increment();
    } else {
      deliveryLatency.record(nowNanos - acceptedNanos, TimeUnit.NANOSECONDS);
    }
  }

  public void refused(Refusal reason) {
    refusals.get(reason).increment();
  }

  public void handshake(Handshake outcome) {
    handshakes.get(outcome).increment();
  }

  /** A bearer token was looked up among those verified lately; called on the event loops. */
  public void tokenLookup(TokenLookup outcome) {
    tokenLookups.get(outcome).increment();
  }

  /** A WebSocket opened or a poll parked (+1), or closed / answered (-1). */
  public void connection(Transport transport, int delta) {
    connections.get(transport).addAndGet(delta);
  }

  /** An HTTP request on {@code route} (a resource name, or {@code unmatched}) answered {@code status}. */
  public void request(String route, int status, long nanos) {
    String statusClass = (status / 100) + "xx";
    requests.computeIfAbsent(route + ' ' + statusClass, key -> Timer.builder("pushgate.http.requests")
        .tag("route", route).tag("status", statusClass)
        .description("HTTP requests by route template and status class").register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Binds a count a component keeps as a monotonic counter. */
  public <T> void counter(String name, String description, T source, ToDoubleFunction<T> count, String... tags) {
    FunctionCounter.builder(name, source, count).description(description).tags(tags).register(registry);
  }

  /** Binds a value a component keeps as a gauge. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value, String... tags) {
    Gauge.builder(name, source, value).description(description).tags(tags).register(registry);
  }
}
