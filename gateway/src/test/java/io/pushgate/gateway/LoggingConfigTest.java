package io.pushgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The production logging configurations (tests otherwise use logback-test.xml) load without a warning. */
class LoggingConfigTest {
  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void testProductionConfigurationLoads(String format) throws Exception {
    String file = format.equals("json") ? "logback-json.xml" : "logback.xml";
    URL config = getClass().getClassLoader().getResource(file);
    assertNotNull(config, file + " on the classpath");
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config);
    int errors = 0;
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      errors += status.getLevel() >= Status.WARN ? 1 : 0;
    }
    assertEquals(0, errors, context.getStatusManager().getCopyOfStatusList().toString());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertNotNull(root.getAppender(format), "the " + format + " appender is the one in use");
    context.stop();
  }
}
