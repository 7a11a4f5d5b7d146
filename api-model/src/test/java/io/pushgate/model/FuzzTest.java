package io.pushgate.model;

import static io.pushgate.model.Support.CODEC;
import static io.pushgate.model.Support.utf8;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * read() on arbitrary bytes: the outcome is a value or an InvalidBodyException, never another
 * exception. Random arrays and mutations (byte flips, truncations, insertions of structural
 * characters, splices) of valid bodies go through every supported type/format pair. Seeds are
 * fixed, so a failure reproduces.
 */
class FuzzTest {
  private static final Map<Class<?>, List<MediaFormat>> SUPPORTED = Map.of(
      NotificationChannel.class, List.of(MediaFormat.JSON, MediaFormat.XML, MediaFormat.FORM),
      NotificationChannelList.class, List.of(MediaFormat.JSON, MediaFormat.XML),
      NotificationChannelLifetime.class, List.of(MediaFormat.JSON, MediaFormat.XML),
      LongPollingRequestParameters.class, List.of(MediaFormat.JSON, MediaFormat.XML, MediaFormat.FORM),
      ConnCheck.class, List.of(MediaFormat.JSON, MediaFormat.XML),
      ConnAck.class, List.of(MediaFormat.JSON, MediaFormat.XML),
      NotificationList.class, List.of(MediaFormat.JSON, MediaFormat.XML),
      RequestError.class, List.of(MediaFormat.JSON, MediaFormat.XML));

  private static final byte[] STRUCTURE = utf8("{}[]\":,<>/=&%+?!-' \n\\0123456789.eE-ntrufalsxmlDOCTYPE\u00e9");

  @Test
  void randomBytes() {
    Random random = new Random(20240501L);
    for (int i = 0; i < 3000; i++) {
      byte[] body = new byte[random.nextInt(96)];
      if (i % 2 == 0) {
        random.nextBytes(body);
      } else {
        for (int j = 0; j < body.length; j++) {
          body[j] = STRUCTURE[random.nextInt(STRUCTURE.length)];
        }
      }
      readEverywhere(body);
    }
  }

  @Test
  void mutatedExamples() {
    List<byte[]> seeds = seeds();
    Random random = new Random(19580101L);
    for (int i = 0; i < 3000; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      readEverywhere(mutate(seed, seeds, random));
    }
  }

  private static byte[] mutate(byte[] seed, List<byte[]> seeds, Random random) {
    byte[] b = seed.clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && b.length > 0; m++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(5)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b = Arrays.copyOf(b, at);
        case 2 -> b[at] = STRUCTURE[random.nextInt(STRUCTURE.length)];
        case 3 -> {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = STRUCTURE[random.nextInt(STRUCTURE.length)];
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
        }
        default -> {
          byte[] other = seeds.get(random.nextInt(seeds.size()));
          int from = random.nextInt(other.length);
          int length = random.nextInt(Math.min(40, other.length - from) + 1);
          byte[] spliced = new byte[at + length + (b.length - at)];
          System.arraycopy(b, 0, spliced, 0, at);
          System.arraycopy(other, from, spliced, at, length);
          System.arraycopy(b, at, spliced, at + length, b.length - at);
          b = spliced;
        }
      }
    }
    return b;
  }

  private static void readEverywhere(byte[] body) {
    SUPPORTED.forEach((type, formats) -> {
      for (MediaFormat format : formats) {
        try {
          assertNotNull(CODEC.read(body, format, type));
        } catch (InvalidBodyException expected) {
          assertNotNull(expected.error().messageId());
        } catch (RuntimeException e) {
          fail(type.getSimpleName() + " as " + format + " threw " + e + " for " + Arrays.toString(body), e);
        }
      }
    });
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (String s : List.of(
        SpecExamples.LIST_RESPONSE, SpecExamples.CREATE_LONG_POLLING, SpecExamples.CREATED_WEBSOCKETS, SpecExamples.CREATE_OMA_PUSH_LARGE_DATA,
        SpecExamples.CREATED_NATIVE, SpecExamples.TYPE_NOT_SUPPORTED, SpecExamples.FEATURE_NOT_AVAILABLE, SpecExamples.LONG_POLL,
        SpecExamples.ONE_IN_LIST, SpecExamples.SEVERAL_IN_LIST, SpecExamples.EMPTY_LIST, SpecExamples.REFRESH_LIFETIME,
        SpecExamples.SERVER_CONN_CHECK, SpecExamples.CLIENT_CONN_ACK, SpecExamples.XML_CREATE_WEBSOCKETS, SpecExamples.XML_CREATED_WEBSOCKETS,
        SpecExamples.XML_LONG_POLL, SpecExamples.XML_EMPTY_LIST, SpecExamples.XML_REMAINING_LIFETIME, SpecExamples.FORM_CREATE,
        SpecExamples.FORM_CREATE_OMA_PUSH, "longPollingRequestParameters=",
        "<nc:notificationList xmlns:nc=\"urn:x\" xmlns:p=\"urn:p\"><p:a q=\"1\"><b><![CDATA[x]]></b></p:a><c/></nc:notificationList>",
        "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")) {
      seeds.add(utf8(s));
    }
    seeds.add(CODEC.write(new NotificationChannelList(List.of(new NotificationChannel("1", "t", ChannelType.OMAPush,
        new OMAPushData("a", 1, new LargeDataPolling(true, 2)), 3, "cb", "r")), "l"), MediaFormat.XML));
    seeds.add(CODEC.write(PolicyException.channelTypeNotSupported("LongPolling", "WebSockets"), MediaFormat.XML));
    seeds.add(CODEC.write(new ConnCheck(1, 2), MediaFormat.XML));
    return seeds;
  }
}
