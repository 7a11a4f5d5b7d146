package io.pushgate.bench.report;

/**
 * One point of a run's timeline, normally one second wide.
 *
 * @param atSeconds end of the interval, in seconds since measurement began
 * @param connections sockets open at the end of the interval
 * @param sentPerSecond notifications the gateway accepted (answered 2xx) per second
 * @param receivedPerSecond notifications read from the sockets per second, duplicates included
 * @param errors errors so far, all kinds (see the summary for the breakdown)
 * @param latency end-to-end latency of the notifications received in this interval
 */
public record Interval(double atSeconds, long connections, double sentPerSecond, double receivedPerSecond,
    long errors, LatencySummary latency) {}
