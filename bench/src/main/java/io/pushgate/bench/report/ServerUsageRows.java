package io.pushgate.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link ServerUsage} as named figures, in the order the summary and the report list them. */
public final class ServerUsageRows {
  private ServerUsageRows() {}

  public static Map<String, Object> of(ServerUsage u) {
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("server", u.server());
    rows.put("delivered", u.delivered());
    rows.put("delivered per s", u.deliveredPerSecond());
    if (u.cpuMsPerThousand().isEmpty()) {
      rows.put("server CPU ms per 1,000 delivered", "not measured (no pid of the server's processes)");
    }
    u.cpuMsPerThousand().forEach((group, ms) -> rows.put("server CPU ms per 1,000 delivered: " + group, ms));
    rows.put("server memory (PSS) at the end, MiB", u.memoryMiB() == null ? "not measured" : u.memoryMiB());
    return rows;
  }
}
