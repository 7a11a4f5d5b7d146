package io.pushgate.bench.loadtest;

import picocli.CommandLine.IVersionProvider;

/** The bench jar's version, from its manifest (absent when run from classes: "development"). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"pushgate-bench " + (version == null ? "development" : version)};
  }
}
