package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.ClientTransport;
import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.SourceAddresses;
import io.pushgate.bench.gateway.Credentials;
import io.pushgate.bench.gateway.GatewayApi;
import io.pushgate.bench.gateway.GatewayProcess;
import io.pushgate.bench.gateway.GatewayTarget;
import io.pushgate.bench.gateway.Readiness;
import io.pushgate.bench.metrics.LoadMetrics;
import io.pushgate.bench.metrics.ProgressReporter;
import io.pushgate.bench.report.HtmlReport;
import io.pushgate.bench.report.LatencySummary;
import io.pushgate.bench.report.ResultJson;
import io.pushgate.bench.report.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What every workload needs, opened in order and closed in reverse: the report directory, the
 * gateway (started or reached), the event loops, the HTTP pool and the metrics. Also turns what a
 * workload measured into the {@link RunResult} and its two files.
 */
final class RunSetup implements AutoCloseable {
  private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  final String workload;
  final String command;
  final String startedAt;
  final Path reportDir;
  final PrintStream out;
  final ClientOptions client;
  final LoadMetrics metrics = new LoadMetrics();
  final GatewayTarget target;
  final ClientTransport transport;
  final HttpPool http;
  final GatewayApi api;
  /** How the gateway was reached or started, for the result's settings. */
  final String gatewayDescription;

  private RunSetup(String workload, String command, Path reportDir, PrintStream out, ClientOptions client,
      GatewayTarget target, String gatewayDescription, Credentials credentials) {
    this.gatewayDescription = gatewayDescription;
    this.workload = workload;
    this.command = command;
    this.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    this.reportDir = reportDir;
    this.out = out;
    this.client = client;
    this.target = target;
    int threads = client.clientThreads > 0 ? client.clientThreads : Runtime.getRuntime().availableProcessors();
    this.transport = new ClientTransport(threads,
        target.isLoopback() ? SourceAddresses.loopback(client.sourceAddresses) : SourceAddresses.none());
    this.http = new HttpPool(transport, target.address(), client.httpConnections, client.pipelineDepth);
    this.api = new GatewayApi(http, target.api(), credentials);
  }

  /**
   * Opens everything for a run of {@code workload}.
   *
   * @param gatewayJvmOptions JVM options the workload adds for a gateway it starts (e.g. memory tracking)
   */
  static RunSetup open(String workload, String command, TargetOptions targetOptions, ClientOptions client,
      List<String> gatewayJvmOptions, PrintStream out) throws IOException, InterruptedException {
    targetOptions.validate();
    client.validate();
    Path reportDir = client.reportDir != null ? client.reportDir
        : Path.of("bench", "results", DIR_TIME.format(Instant.now()) + "-" + workload);
    Files.createDirectories(reportDir);
    GatewayTarget target;
    String description;
    Credentials credentials;
    if (targetOptions.startGateway) {
      String secret = Credentials.randomSecret(); // the REST API is exercised with real tokens
      credentials = Credentials.hs256(secret.getBytes(StandardCharsets.UTF_8));
      List<String> jvm = new java.util.ArrayList<>(targetOptions.jvmOptions());
      jvm.addAll(gatewayJvmOptions);
      out.println("bench: starting a gateway from " + targetOptions.gatewayJar + " (log: " + reportDir.resolve("gateway.log") + ")");
      GatewayProcess process = GatewayProcess.start(targetOptions.gatewayJar, jvm, targetOptions.gatewayArgs,
          Map.of("PUSHGATE_JWT_SECRET", secret), reportDir.resolve("gateway.log"), Duration.ofMinutes(2));
      target = GatewayTarget.started(process);
      description = target.api() + " started by the harness from " + targetOptions.gatewayJar
          + (jvm.isEmpty() ? "" : ", JVM options " + String.join(" ", jvm))
          + (targetOptions.gatewayArgs.isEmpty() ? "" : ", flags " + String.join(" ", targetOptions.gatewayArgs))
          + ", REST with HS256 tokens of a fresh secret";
      out.println("bench: gateway ready at " + target.api() + " (pid " + process.pid() + ")");
    } else {
      target = GatewayTarget.external(targetOptions.url, targetOptions.adminUrl,
          targetOptions.gatewayPid == null ? OptionalLong.empty() : OptionalLong.of(targetOptions.gatewayPid));
      credentials = targetOptions.credentials();
      description = target.api() + " (running), " + (credentials.isNone() ? "no tokens" : "REST with HS256 tokens");
      if (target.admin() != null && !Readiness.await(target.admin(), Duration.ofSeconds(30), () -> false)) {
        target.close();
        throw new IllegalStateException("the gateway at " + target.admin() + " is not ready (GET /health/ready)");
      }
    }
    try {
      return new RunSetup(workload, command, reportDir, out, client, target, description, credentials);
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /** Builds the result from what the run measured; the totals' latency parts come from {@code reporter}. */
  RunResult result(List<String> failures, double elapsedSeconds, Map<String, Object> settings, RunResult.Totals totals,
      Map<String, Object> details, ProgressReporter reporter) {
    return new RunResult(workload, failures.isEmpty(), failures, startedAt, round(elapsedSeconds), command, settings,
        Machine.describe(transport.transport()), totals,
        reporter == null ? LatencySummary.EMPTY : LatencySummary.ofMicros(reporter.deliveryTotal()),
        reporter == null ? LatencySummary.EMPTY : LatencySummary.ofMicros(reporter.ingressTotal()),
        details, reporter == null ? List.of() : reporter.timeline());
  }

  /** Writes result.json and report.html and prints the summary. */
  void write(RunResult result) throws IOException {
    ResultJson.write(result, reportDir.resolve("result.json"));
    HtmlReport.write(result, reportDir.resolve("report.html"));
    Summary.print(result, out);
    out.println("bench: report in " + reportDir.resolve("report.html").toAbsolutePath());
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  @Override
  public void close() {
    http.close();
    transport.close();
    target.close();
  }
}
