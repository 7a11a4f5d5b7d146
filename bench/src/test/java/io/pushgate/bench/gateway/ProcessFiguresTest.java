package io.pushgate.bench.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
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
  void cpuBetweenTwoReadingsIsCoresUsed_andUnknownPartiesAreLeftOut() {
    GatewayTarget target = GatewayTarget.external(URI.create("http://127.0.0.1:1"), null, OptionalLong.empty());
    CpuUsage.Reading a = new CpuUsage.Reading(0, 10, Double.NaN, Double.NaN);
    CpuUsage.Reading b = new CpuUsage.Reading(2_000_000_000L, 13, Double.NaN, Double.NaN);
    assertEquals(Map.of("CPU cores used: harness", 1.5), CpuUsage.between(a, b));
    CpuUsage.Reading now = CpuUsage.read(target);
    assertTrue(Double.isNaN(now.gateway()) && Double.isNaN(now.database()), "no pid, no data dir");
  }
}
