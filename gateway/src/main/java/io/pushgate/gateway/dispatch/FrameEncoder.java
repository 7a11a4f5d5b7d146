package io.pushgate.gateway.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.pushgate.model.MediaFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a batch of notifications as one {@code notificationList} document, straight into a buffer:
 * the enablers' bodies are copied byte for byte, never re-serialised. All notifications of a batch
 * share one format (the batching keeps formats apart).
 *
 * <pre>
 * {"notificationList":[{"movieNotification":{...}},{...}],"ncResumePoint":"42"}
 * &lt;nc:notificationList xmlns:nc="..."&gt;&lt;m:movieNotification ...&gt;...&lt;/m:movieNotification&gt;&lt;ncResumePoint&gt;42&lt;/ncResumePoint&gt;&lt;/nc:notificationList&gt;
 * </pre>
 *
 * {@code ncResumePoint} (our extension) is the sequence number of the last notification in the
 * list: a client that reconnects with it, or confirms it, gets nothing twice.
 */
public final class FrameEncoder {
  private static final byte[] JSON_OPEN = ascii("{\"notificationList\":[");
  private static final byte[] JSON_RESUME = ascii("],\"ncResumePoint\":\"");
  private static final byte[] JSON_CLOSE = ascii("\"}");
  private static final byte[] JSON_EMPTY = ascii("{\"notificationList\":null}");
  private static final byte[] XML_OPEN = ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<nc:notificationList xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\">");
  private static final byte[] XML_RESUME = ascii("<ncResumePoint>");
  private static final byte[] XML_CLOSE = ascii("</ncResumePoint></nc:notificationList>");
  private static final byte[] XML_EMPTY = ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<nc:notificationList xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"/>");

  private FrameEncoder() {}

  /** The format of a batch: that of its notifications. */
  public static MediaFormat formatOf(List<LoggedNotification> batch) {
    return batch.get(0).notification().format();
  }

  /** One {@code notificationList} of {@code batch} (non-empty, one format), with its resume point. */
  public static ByteBuf encode(ByteBufAllocator alloc, List<LoggedNotification> batch) {
    MediaFormat format = formatOf(batch);
    int size = 64;
    for (LoggedNotification n : batch) {
      size += n.notification().body().length + 1;
    }
    String resumePoint = Long.toString(batch.get(batch.size() - 1).seq());
    ByteBuf out = alloc.buffer(size + XML_OPEN.length + XML_CLOSE.length);
    boolean json = format != MediaFormat.XML;
    out.writeBytes(json ? JSON_OPEN : XML_OPEN);
    for (int i = 0; i < batch.size(); i++) {
      if (json && i > 0) {
        out.writeByte(',');
      }
      out.writeBytes(batch.get(i).notification().body());
    }
    out.writeBytes(json ? JSON_RESUME : XML_RESUME);
    out.writeCharSequence(resumePoint, StandardCharsets.US_ASCII);
    out.writeBytes(json ? JSON_CLOSE : XML_CLOSE);
    return out;
  }

  /** The empty list: a long poll's answer at its timeout. */
  public static byte[] empty(MediaFormat format) {
    return format == MediaFormat.XML ? XML_EMPTY.clone() : JSON_EMPTY.clone();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
