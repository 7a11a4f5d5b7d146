package io.pushgate.bench.loadtest;

import io.pushgate.bench.client.ChannelType;
import io.pushgate.bench.nchan.NchanServer;
import io.pushgate.bench.report.RunResult;
import picocli.CommandLine.Mixin;

/**
 * A workload that Nchan can serve as well as pushgate (unicast, million): run against pushgate (the
 * default), against Nchan alone ({@code --nchan}), or against both, one after the other, and compared
 * ({@code --compare-nchan}).
 */
abstract class ComparableCommand extends WorkloadCommand {
  @Mixin
  NchanOptions nchan;

  /** Notifications per ingress request, as the options resolve it. */
  abstract int batch();

  /** The run the options describe; an invalid one throws IllegalArgumentException. */
  abstract UnicastPlan plan();

  @Override
  void validate() {
    nchan.validate();
    if (!nchan.only) {
      target.validate(); // a run against Nchan alone ignores the gateway options scripts/loadtest adds
    }
    client.validate();
    new OptionRules().require(!nchan.involvesNchan() || client.channelType == ChannelType.WebSockets, "--channel-type",
        client.channelType, "must be WebSockets against Nchan (and in a comparison): the harness reaches it over "
        + "WebSockets only").check();
    if (nchan.involvesNchan() && batch() > NchanServer.MAX_BATCH) {
      throw new IllegalArgumentException("--batch " + batch() + ": Nchan publishes one message per POST, so a run "
          + "against it (and a comparison, which runs both servers with the same settings) needs --batch 1");
    }
    plan();
  }

  @Override
  RunResult run(RunSetup setup) throws Exception {
    return new UnicastRun(setup, plan()).run();
  }

  @Override
  public Integer call() throws Exception {
    validate();
    if (nchan.compare) {
      return new ComparisonRun(this).run();
    }
    ServerLauncher server = nchan.only ? Servers.nchan(nchan, out) : pushgate();
    return runAgainst(server, reportDir()).passed() ? 0 : 1;
  }
}
