package io.pushgate.bench.loadtest;

import io.pushgate.bench.gateway.Credentials;
import io.pushgate.bench.gateway.GatewayProcess;
import io.pushgate.bench.gateway.GatewayTarget;
import io.pushgate.bench.gateway.PushgateServer;
import io.pushgate.bench.gateway.Readiness;
import io.pushgate.bench.nchan.NchanProcess;
import io.pushgate.bench.nchan.NchanScript;
import io.pushgate.bench.nchan.NchanServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** How each kind of server under test is started or reached, from the command's options. */
final class Servers {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private Servers() {}

  /**
   * pushgate: a gateway the harness starts ({@code --start-gateway}) or one that runs ({@code --url}).
   *
   * @param gatewayJvmOptions JVM options the workload adds for a gateway it starts (e.g. memory tracking)
   */
  static ServerLauncher pushgate(TargetOptions options, List<String> gatewayJvmOptions, PrintStream out) {
    return reportDir -> {
      if (!options.startGateway) {
        GatewayTarget target = GatewayTarget.external(options.url, options.adminUrl,
            options.gatewayPid == null ? OptionalLong.empty() : OptionalLong.of(options.gatewayPid));
        Credentials credentials = options.credentials();
        if (target.admin() != null && !Readiness.await(target.admin(), Duration.ofSeconds(30), () -> false)) {
          target.close();
          throw new IllegalStateException("the gateway at " + target.admin() + " is not ready (GET /health/ready)");
        }
        return new PushgateServer(target, credentials,
            target.api() + " (running), " + (credentials.isNone() ? "no tokens" : "REST with HS256 tokens"));
      }
      String secret = Credentials.randomSecret(); // the REST API is exercised with real tokens
      List<String> jvm = new ArrayList<>(options.jvmOptions());
      jvm.addAll(gatewayJvmOptions);
      out.println("bench: starting a gateway from " + options.gatewayJar + " (log: " + reportDir.resolve("gateway.log") + ")");
      GatewayProcess process = GatewayProcess.start(options.gatewayJar, jvm, options.gatewayArgs,
          Map.of("PUSHGATE_JWT_SECRET", secret), reportDir.resolve("gateway.log"), READY_TIMEOUT);
      GatewayTarget target = GatewayTarget.started(process);
      out.println("bench: gateway ready at " + target.api() + " (pid " + process.pid() + ")");
      return new PushgateServer(target, Credentials.hs256(secret.getBytes(StandardCharsets.UTF_8)),
          target.api() + " started by the harness from " + options.gatewayJar
              + (jvm.isEmpty() ? "" : ", JVM options " + String.join(" ", jvm))
              + (options.gatewayArgs.isEmpty() ? "" : ", flags " + String.join(" ", options.gatewayArgs))
              + ", REST with HS256 tokens of a fresh secret");
    };
  }

  /** Nchan: nginx started through {@code scripts/nchan run}, its prefix directory in the report's. */
  static ServerLauncher nchan(NchanOptions options, PrintStream out) {
    return reportDir -> {
      NchanScript script = options.script();
      script.requireInstalled();
      out.println("bench: starting nginx with Nchan through " + script.path() + " (" + options.workers
          + " worker(s); log: " + reportDir.resolve("nchan.log") + ")");
      NchanProcess process = NchanProcess.start(script, options.workers, options.args,
          reportDir.resolve("nchan"), reportDir.resolve("nchan.log"), READY_TIMEOUT);
      out.println("bench: Nchan ready at " + process.base() + " (nginx master pid " + process.pid() + ")");
      return new NchanServer(process, process.base() + " started by the harness: nginx with Nchan through "
          + script.path() + ", " + options.workers + " worker(s)"
          + (options.args.isEmpty() ? "" : ", " + String.join(" ", options.args))
          + ", in-memory storage (nothing persisted), one message per POST");
    };
  }
}
