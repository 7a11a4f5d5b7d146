package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.ClientTransport;
import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.SubscriberFleet;
import io.pushgate.bench.client.SourceAddresses;
import io.pushgate.bench.gateway.GatewayApi;
import io.pushgate.bench.gateway.GatewayTarget;
import io.pushgate.bench.gateway.PushgateServer;
import io.pushgate.bench.gateway.ServerUnderTest;
import io.pushgate.bench.metrics.DeliveryLedger;
import io.pushgate.bench.metrics.LoadMetrics;
import io.pushgate.bench.metrics.ProgressReporter;
import io.pushgate.bench.report.HtmlReport;
import io.pushgate.bench.report.LatencySummary;
import io.pushgate.bench.report.ResultJson;
import io.pushgate.bench.report.RunResult;
import io.pushgate.bench.report.ServerUsage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What every workload needs, opened in order and closed in reverse: the report directory, the
 * server under test (started or reached), the event loops, the HTTP pool and the metrics. Also turns
 * what a workload measured into the {@link RunResult} and its two files.
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
  final ServerUnderTest server;
  final ClientTransport transport;
  final HttpPool http;
  /** The gateway's REST API; null when the server is not pushgate. */
  private final GatewayApi api;

  private RunSetup(String workload, String command, Path reportDir, PrintStream out, ClientOptions client,
      ServerUnderTest server) {
    this.workload = workload;
    this.command = command;
    this.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    this.reportDir = reportDir;
    this.out = out;
    this.client = client;
    this.server = server;
    this.transport = new ClientTransport(client.eventLoopThreads(),
        server.isLoopback() ? SourceAddresses.loopback(client.sourceAddresses) : SourceAddresses.none());
    this.http = new HttpPool(transport, server.address(), client.httpConnections, client.pipelineDepth);
    this.api = server instanceof PushgateServer pushgate ? pushgate.api(http) : null;
  }

  /** bench/results/&lt;UTC time&gt;-&lt;workload&gt;, where a run's reports go unless --report-dir says otherwise. */
  static Path defaultReportDir(String workload) {
    return Path.of("bench", "results", DIR_TIME.format(Instant.now()) + "-" + workload);
  }

  /** Opens everything for a run of {@code workload} against the server {@code launcher} starts. */
  static RunSetup open(String workload, String command, ClientOptions client, Path reportDir, ServerLauncher launcher,
      PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(reportDir);
    ServerUnderTest server = launcher.launch(reportDir);
    try {
      return new RunSetup(workload, command, reportDir, out, client, server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The gateway's REST API, for the workloads that only pushgate has (fanout, idle). */
  GatewayApi api() {
    if (api == null) {
      throw pushgateOnly();
    }
    return api;
  }

  /** The gateway under test, for the workloads that only pushgate has. */
  GatewayTarget gateway() {
    if (!(server instanceof PushgateServer pushgate)) {
      throw pushgateOnly();
    }
    return pushgate.target();
  }

  private IllegalStateException pushgateOnly() {
    return new IllegalStateException(workload + " runs against pushgate only, not " + server.name());
  }

  /** Builds the result from what the run measured; the totals' latency parts come from {@code reporter}. */
  RunResult result(List<String> failures, double elapsedSeconds, Map<String, Object> settings, RunResult.Totals totals,
      ServerUsage usage, Map<String, Object> details, ProgressReporter reporter) {
    return new RunResult(workload, failures.isEmpty(), failures, startedAt, round(elapsedSeconds), command, settings,
        Machine.describe(transport.transport()), totals,
        reporter == null ? LatencySummary.EMPTY : LatencySummary.ofMicros(reporter.deliveryTotal()),
        reporter == null ? LatencySummary.EMPTY : LatencySummary.ofMicros(reporter.ingressTotal()),
        usage, details, reporter == null ? List.of() : reporter.timeline());
  }

  /**
   * The result of a workload that counts what it sends each channel in a {@link DeliveryLedger}
   * (unicast, million, fanout): a duplicated or an unexpected one fails the run, and the totals are
   * the ledger's, the sockets' and the ingress's.
   *
   * @param unit what the ledger counts, as the failures name it: "notifications", fanout's "deliveries"
   * @param measured what the measured phase cost the server; null when the run ended before it
   */
  RunResult ledgerResult(List<String> failures, String unit, DeliveryLedger.Totals t, SubscriberFleet.Opened opened,
      double elapsedSeconds, Map<String, Object> settings, Map<String, Object> details, ServerMeter.Measured measured,
      double deliveredPerSecond, ProgressReporter reporter) {
    if (t.duplicates() > 0) {
      failures.add(t.duplicates() + " " + unit + " duplicated");
    }
    if (t.unexpected() > 0) {
      failures.add(t.unexpected() + " unexpected notifications received");
    }
    RunResult.Totals totals = new RunResult.Totals(opened.opened(), opened.failed(), t.issued(), metrics.accepted(),
        t.delivered(), t.lost(), t.duplicates(), t.unexpected(), t.failed(), metrics.rejected(),
        metrics.errors().snapshot());
    return result(failures, elapsedSeconds, settings, totals,
        measured == null ? null : measured.usage(deliveredPerSecond), details, reporter);
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
    server.close();
  }
}
