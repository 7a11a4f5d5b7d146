package io.pushgate.bench.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a result needs to say about the machine it was measured on. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe(String transport) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("cpu", procField("/proc/cpuinfo", "model name\\s*:\\s*(.+)"));
    env.put("memory", procField("/proc/meminfo", "MemTotal:\\s*(\\d+ kB)"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    env.put("harness heap max", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    env.put("harness transport", transport);
    env.put("open files limit (soft hard)", procField("/proc/self/limits", "Max open files\\s+(\\d+\\s+\\d+)")
        .replaceAll("\\s+", " "));
    return env;
  }

  private static String procField(String file, String regex) {
    try {
      Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      return m.find() ? m.group(1).trim() : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
