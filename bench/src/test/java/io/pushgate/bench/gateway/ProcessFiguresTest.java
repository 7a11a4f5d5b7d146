package io.pushgate.bench.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.bench.client.HttpPool;
import io.pushgate.bench.client.WireFormat;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures read about other processes: memory from jcmd's and /proc's text, CPU from /proc. */
class ProcessFiguresTest {

  @Test
  void readsTheLiveHeapFromGcHeapInfo() {
    String heapInfo = """
        25115:
         garbage-first heap   total 397312K, used 5003K [0x0000000687400000, 0x0000000800000000)
          region size 4096K, 1 young (4096K), 0 survivors (0K)
         Metaspace       used 78K, committed 320K, reserved 1114112K
        """;
    assertEquals(5003L, JvmMemory.find(JvmMemory.HEAP_USED, heapInfo));
  }

  @Test
  void readsDirectMemoryAndTheTotalFromNmt() {
    String nmt = """
        Total: reserved=7849779KB, committed=483179KB
               malloc: 17387KB #3869
        -                 Java Heap (reserved=6172672KB, committed=397312KB)
        -                     Other (reserved=10240KB, committed=10240KB)
                                    (malloc=10240KB #1) (at peak)
        """;
    assertEquals(10240L, JvmMemory.find(JvmMemory.NMT_OTHER, nmt));
    assertEquals(483179L, JvmMemory.find(JvmMemory.NMT_TOTAL, nmt));
    assertNull(JvmMemory.find(JvmMemory.NMT_OTHER, "Native memory tracking is not enabled"));
    assertNull(JvmMemory.find(JvmMemory.NMT_OTHER, null));
  }

  @Test
  void readsThisProcessesResidentSetAndCpu() {
    long self = ProcessHandle.current().pid();
    Long rss = new JvmMemory(self).rssKiB();
    assertTrue(rss != null && rss > 1024, "a JVM uses more than a MiB: " + rss);
    assertTrue(CpuUsage.seconds(self) > 0, "this JVM has run");
    assertTrue(Double.isNaN(CpuUsage.seconds(-1)), "no such process");
  }

  @Test
  void cpuBetweenTwoReadingsIsCoresUsedAndMillisecondsPerThousandDelivered() {
    CpuUsage.Reading a = new CpuUsage.Reading(0, 10, ordered("gateway JVM", 100.0, "its PostgreSQL", 50.0),
        new MachineCpu(1000, 400, 100, 500, 0, 0));
    CpuUsage.Reading b = new CpuUsage.Reading(2_000_000_000L, 13, ordered("gateway JVM", 102.0, "its PostgreSQL", 50.5),
        new MachineCpu(1260, 460, 130, 540, 0, 10));
    CpuUsage.Used used = CpuUsage.between(a, b);

    assertEquals(List.of("CPU cores used: harness", "CPU cores used: gateway JVM", "CPU cores used: its PostgreSQL",
        "machine CPU, all cores"), List.copyOf(used.cores().keySet()),
        "harness first, then the server's groups in order, then the whole machine");
    // 400 ticks passed on the machine: 260 user, 60 system, 30 interrupts, 40 idle, 10 steal
    assertEquals("user 65%, system 15%, interrupts 8%, iowait 0%, steal 3%, idle 10%",
        used.cores().get("machine CPU, all cores"));
    assertEquals(1.5, used.cores().get("CPU cores used: harness"));
    assertEquals(1.0, used.cores().get("CPU cores used: gateway JVM"));
    assertEquals(0.25, used.cores().get("CPU cores used: its PostgreSQL"));
    // 2 s of gateway CPU for 4,000 notifications: 0.5 ms each, 500 ms per 1,000; with PostgreSQL's 0.5 s, 625
    Map<String, Double> perThousand = used.msPerThousand(4000);
    assertEquals(List.of("gateway JVM", "gateway JVM + its PostgreSQL"), List.copyOf(perThousand.keySet()));
    assertEquals(500.0, perThousand.get("gateway JVM"));
    assertEquals(625.0, perThousand.get("gateway JVM + its PostgreSQL"));
    assertTrue(used.msPerThousand(0).isEmpty(), "nothing delivered: no figure rather than infinity");
  }

  @Test
  void readsTheJitCompilerThreadsOfAJvmAndOfNothingElse() throws Exception {
    double self = CpuUsage.compilerSeconds(ProcessHandle.current().pid());
    assertTrue(self > 0, "this JVM has compiled the code of the tests before this one: " + self);
    Process sleep = new ProcessBuilder("sleep", "30").start();
    try {
      assertTrue(Double.isNaN(CpuUsage.compilerSeconds(sleep.pid())), "a process that is not a JVM has no compilers");
    } finally {
      sleep.destroy();
    }
    assertTrue(Double.isNaN(CpuUsage.compilerSeconds(-1)), "no such process");
  }

  @Test
  void aServerStillCompilingIsSaidToBeNotWarm() {
    String compilers = "CPU cores used: gateway JVM's JIT compilers";
    CpuUsage.Used busy = CpuUsage.between(reading(0, 4.0), reading(2, 4.3));
    assertEquals(List.of("CPU cores used: harness", "CPU cores used: gateway JVM", compilers,
        "CPU cores used: its PostgreSQL", "warm-up note"), List.copyOf(busy.cores().keySet()),
        "a group's compilers follow the group; PostgreSQL has none");
    assertEquals(0.15, busy.cores().get(compilers));
    assertTrue(busy.cores().get("warm-up note").toString().startsWith("the gateway JVM's JIT compilers used 0.15 cores"),
        busy.cores().toString());

    CpuUsage.Used warm = CpuUsage.between(reading(0, 4.0), reading(2, 4.1));
    assertEquals(0.05, warm.cores().get(compilers));
    assertFalse(warm.cores().containsKey("warm-up note"), "a twentieth of a core is what a warm gateway compiles");

    CpuUsage.Used stopped = CpuUsage.between(reading(0, 4.0), reading(2, 3.0));
    assertEquals(0.0, stopped.cores().get(compilers),
        "a compiler thread that ended took its time with it: none rather than less than none");
  }

  /** A reading at {@code second} with the gateway's compilers at {@code compiled} seconds. */
  private static CpuUsage.Reading reading(long second, double compiled) {
    return new CpuUsage.Reading(second * 1_000_000_000L, second, ordered("gateway JVM", 10.0 + second,
        "its PostgreSQL", 5.0), Map.of("gateway JVM", compiled), null);
  }

  @Test
  void aGroupMissingFromEitherReadingIsLeftOut() {
    CpuUsage.Reading a = new CpuUsage.Reading(0, Double.NaN, ordered("gateway JVM", 1.0, "its PostgreSQL", 1.0),
        new MachineCpu(1, 1, 1, 1, 1, 1));
    CpuUsage.Reading b = new CpuUsage.Reading(1_000_000_000L, Double.NaN, ordered("gateway JVM", 2.0, "x", 5.0), null);
    CpuUsage.Used used = CpuUsage.between(a, b);
    assertEquals(Map.of("CPU cores used: gateway JVM", 1.0), used.cores(),
        "no harness figure when unknown, nor a machine figure without two machine readings");
  }

  @Test
  void readsTheGroupsOfAServerAndLeavesOutThoseThatAreGone() {
    long self = ProcessHandle.current().pid();
    ServerUnderTest server = new FakeServer(ordered2("this JVM", List.of(self), "gone", List.of(-1L)));
    CpuUsage.Reading now = CpuUsage.read(server);
    assertTrue(now.server().get("this JVM") > 0, "this JVM has run");
    assertEquals(List.of("this JVM"), List.copyOf(now.compilers().keySet()), "the process that is gone has none");
    assertTrue(now.compilers().get("this JVM") > 0, "this JVM's compilers have run");
    assertFalse(now.server().containsKey("gone"), "no such process");
    assertTrue(now.harness() > 0);
    assertTrue(now.machine() != null && now.machine().user() > 0, "this machine has run: " + now.machine());
    Long kib = ProcessMemory.kib(server.processGroups().values());
    assertTrue(kib != null && kib > 1024, "this JVM's PSS is more than a MiB: " + kib);
  }

  @Test
  void parsesTheMachineLineOfProcStat() {
    String stat = """
        cpu  10132153 290696 3084719 46828483 16683 0 25195 175 0 0
        cpu0 1393280 32966 572056 13343292 6130 0 17875 0 0 0
        intr 1462898 0 0 0
        """;
    // user + nice, system, irq + softirq, idle, iowait, steal; guest time (already in user) ignored
    assertEquals(new MachineCpu(10132153 + 290696, 3084719, 0 + 25195, 46828483, 16683, 175), MachineCpu.parse(stat));
    assertThrows(IllegalArgumentException.class, () -> MachineCpu.parse("intr 1 2 3"));
  }

  @Test
  void readsPssFromSmapsRollup() {
    String rollup = """
        55d0c0a00000-7ffd5e7f1000 ---p 00000000 00:00 0                          [rollup]
        Rss:               20468 kB
        Pss:               11210 kB
        Pss_Dirty:          9120 kB
        """;
    assertEquals(11210L, JvmMemory.find(ProcessMemory.PSS, rollup));
  }

  private static Map<String, Double> ordered(String k1, double v1, String k2, double v2) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static Map<String, List<Long>> ordered2(String k1, List<Long> v1, String k2, List<Long> v2) {
    Map<String, List<Long>> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  /** A server that is only its process groups. */
  private record FakeServer(Map<String, List<Long>> processGroups) implements ServerUnderTest {
    @Override
    public String name() {
      return "fake";
    }

    @Override
    public String description() {
      return "fake";
    }

    @Override
    public URI base() {
      return URI.create("http://127.0.0.1:1");
    }

    @Override
    public WireFormat wireFormat() {
      return WireFormat.ONE_PER_MESSAGE;
    }

    @Override
    public List<ChannelInfo> createChannels(HttpPool http, int count, int maxNotifications,
        io.pushgate.bench.client.ChannelType type) {
      return List.of();
    }

    @Override
    public void close() {}
  }
}
