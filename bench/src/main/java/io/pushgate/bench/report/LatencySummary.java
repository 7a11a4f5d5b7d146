package io.pushgate.bench.report;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution, in milliseconds; all zero when nothing was recorded.
 *
 * @param count values recorded
 * @param meanMs arithmetic mean
 * @param p50Ms median
 * @param p90Ms 90th percentile
 * @param p99Ms 99th percentile
 * @param p999Ms 99.9th percentile
 * @param p9999Ms 99.99th percentile
 * @param maxMs largest value
 */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
    double p9999Ms, double maxMs) {

  /** The summary of nothing. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

  /** Summarises a histogram whose values are microseconds. */
  public static LatencySummary ofMicros(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(micros.getTotalCount(), ms(micros.getMean()),
        ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
        ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
        ms(micros.getValueAtPercentile(99.99)), ms(micros.getMaxValue()));
  }

  private static double ms(double micros) {
    // three decimals (a microsecond) is all a microsecond histogram can say
    return Math.round(micros) / 1000.0;
  }
}
