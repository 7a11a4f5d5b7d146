package io.pushgate.gateway.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgate.gateway.GatewayConfigs;
import io.pushgate.model.ChannelType;
import org.junit.jupiter.api.Test;

class ChannelPolicyTest {
  private final ChannelPolicy policy = new ChannelPolicy(GatewayConfigs.defaults());

  @Test
  void testLifetimeDefaultAndCap() {
    assertEquals(3600, policy.grantLifetime(null));
    assertEquals(7200, policy.grantLifetime(7200));
    assertEquals(86400, policy.grantLifetime(1_000_000));
    assertEquals(1, policy.grantLifetime(1));
  }

  @Test
  void testMaxNotificationsDefaultAndCap() {
    assertEquals(20, policy.grantMaxNotifications(null));
    assertEquals(5, policy.grantMaxNotifications(5));
    assertEquals(1000, policy.grantMaxNotifications(50_000));
  }

  @Test
  void testSupportedTypes() {
    assertTrue(policy.supports(ChannelType.WebSockets));
    assertTrue(policy.supports(ChannelType.LongPolling));
    assertFalse(policy.supports(ChannelType.OMAPush));
    assertFalse(policy.supports(ChannelType.NativeChannel));
    assertEquals("LongPolling, WebSockets", ChannelPolicy.supportedTypesText());
  }
}
