package io.pushgate.gateway.http;

import io.pushgate.gateway.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets for the REST API (channel management and movies): {@code --requests-per-second} per
 * client address and per bearer token, each with a burst of twice that. Capability URLs (ingress,
 * long polls, WebSockets) are not limited here: they have their own bounds.
 *
 * <p>Bounded memory: at most {@link #MAX_KEYS} buckets; idle ones are dropped by {@link #sweep()};
 * past the bound new keys share one overflow bucket, so a flood of fresh keys throttles itself.
 */
@Singleton
final class RateLimiter {
  static final int MAX_KEYS = 100_000;
  private static final long SWEEP_EVERY_NANOS = 10_000_000_000L;
  private static final String OVERFLOW = "";

  private final double ratePerNano;
  private final double burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

  @Inject
  RateLimiter(GatewayConfig config) {
    int perSecond = config.security().requestsPerSecond();
    this.ratePerNano = perSecond / 1e9;
    this.burst = 2.0 * perSecond;
  }

  /** Takes one request from each key's bucket; false (and nothing taken) when any is empty. */
  boolean tryAcquire(String... keys) {
    long now = System.nanoTime();
    long swept = lastSweep.get();
    if (buckets.size() > MAX_KEYS / 2 && now - swept > SWEEP_EVERY_NANOS && lastSweep.compareAndSet(swept, now)) {
      sweep(); // rare and bounded: only when many keys are held, at most every 10 s
    }
    Bucket[] chosen = new Bucket[keys.length];
    for (int i = 0; i < keys.length; i++) {
      String key = keys[i];
      Bucket bucket = buckets.get(key);
      if (bucket == null) {
        bucket = buckets.size() < MAX_KEYS ? buckets.computeIfAbsent(key, k -> new Bucket(burst, now))
            : buckets.computeIfAbsent(OVERFLOW, k -> new Bucket(burst, now));
      }
      chosen[i] = bucket;
    }
    for (Bucket bucket : chosen) {
      if (!bucket.available(now, ratePerNano, burst)) {
        return false;
      }
    }
    for (Bucket bucket : chosen) {
      bucket.take();
    }
    return true;
  }

  /** Drops buckets that are full again (idle): they would answer the same when made anew. */
  void sweep() {
    long now = System.nanoTime();
    buckets.entrySet().removeIf(entry -> entry.getValue().isFull(now, ratePerNano, burst));
  }

  /** Seconds until one more request would pass for a client that was refused: a Retry-After value. */
  long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1 / (ratePerNano * 1e9)));
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    synchronized boolean available(long now, double ratePerNano, double burst) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
      refilledAt = now;
      return tokens >= 1;
    }

    synchronized void take() {
      tokens -= 1;
    }

    synchronized boolean isFull(long now, double ratePerNano, double burst) {
      return Math.min(burst, tokens + (now - refilledAt) * ratePerNano) >= burst;
    }
  }
}
