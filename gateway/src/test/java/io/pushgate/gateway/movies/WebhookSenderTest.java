package io.pushgate.gateway.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pushgate.model.MediaFormat;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** A full webhook queue drops in floods: every drop is counted, but only one line per thousand is logged. */
@Timeout(30)
class WebhookSenderTest {
  @Test
  void testFailure_aFullQueueDropsAndLogsOneLinePerThousand() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(WebhookSender.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    // a server that takes connections (the kernel's backlog does) and never answers: deliveries stay pending
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
         WebhookSender sender = new WebhookSender(2)) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/notify";
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      sender.send(url, body, MediaFormat.JSON);
      sender.send(url, body, MediaFormat.JSON);
      assertEquals(2, sender.pending());
      for (int i = 0; i < 2_001; i++) {
        sender.send(url, body, MediaFormat.JSON);
      }
      assertEquals(2_001, sender.dropped());
      assertEquals(2, sender.pending());
      List<String> warnings = lines.list.stream().filter(line -> line.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage).toList();
      assertEquals(3, warnings.size(), warnings.toString()); // the 1st, 1,001st and 2,001st drops
      assertTrue(warnings.get(0).contains("webhook queue full (2 pending)"), warnings.get(0));
      assertTrue(warnings.get(2).endsWith("(2001 dropped so far)"), warnings.get(2));
    } finally {
      logger.detachAppender(lines);
    }
  }
}
