package io.pushgate.gateway;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven wrote into the jar's manifest ("dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
  static String version() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"pushgate " + version()};
  }
}
