package io.pushgate.bench;

import io.pushgate.bench.loadtest.LoadTestCommand;
import java.util.Arrays;

/**
 * The bench jar's entry point, with two faces:
 *
 * <pre>
 * java -jar pushgate-bench.jar loadtest &lt;workload&gt; [options]   the load-test harness
 * java -jar pushgate-bench.jar jmh [JMH options]                  the JMH benchmarks (org.openjdk.jmh.Main)
 * </pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String face = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (face) {
      case "loadtest" -> System.exit(LoadTestCommand.execute(rest));
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      default -> {
        System.err.println("""
            usage: java -jar pushgate-bench.jar loadtest <unicast|fanout|idle|million> [options]
                   java -jar pushgate-bench.jar jmh [JMH options, e.g. -h, -l, IngressParsing -prof gc]

            'loadtest --help' and 'loadtest <workload> --help' list the options.""");
        System.exit(face.equals("-h") || face.equals("--help") ? 0 : 2);
      }
    }
  }
}
