package io.pushgate.bench.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors counted by kind ({@code http-500}, {@code ws-closed-1001}, {@code io}, ...). The kinds come
 * from a small vocabulary, but a gateway answering with many odd statuses must not grow this map
 * without limit: past {@value #MAX_KINDS} kinds, new ones are counted as {@code other}.
 */
public final class ErrorCounts {
  static final int MAX_KINDS = 64;
  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();

  /** Counts one error of {@code kind}. */
  public void add(String kind) {
    add(kind, 1);
  }

  /** Counts {@code n} errors of {@code kind}. */
  public void add(String kind, long n) {
    LongAdder adder = counts.get(kind);
    if (adder == null) {
      String key = counts.size() < MAX_KINDS ? kind : "other";
      adder = counts.computeIfAbsent(key, k -> new LongAdder());
    }
    adder.add(n);
    total.add(n);
  }

  public long total() {
    return total.sum();
  }

  /** The counts so far, sorted by kind. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((kind, n) -> out.put(kind, n.sum()));
    return out;
  }
}
