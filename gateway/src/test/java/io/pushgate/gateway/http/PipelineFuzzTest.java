package io.pushgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import io.pushgate.gateway.GatewayComponent;
import io.pushgate.gateway.GatewayConfig;
import io.pushgate.gateway.GatewayConfigs;
import io.pushgate.gateway.http.Router.BadPathException;
import io.pushgate.gateway.http.Router.Route;
import io.pushgate.model.ChannelType;
import io.pushgate.model.Codec;
import io.pushgate.model.InvalidBodyException;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.NotificationChannel;
import io.pushgate.model.NotificationChannelLifetime;
import java.io.ByteArrayOutputStream;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The public pipeline exactly as production builds it ({@code GatewayComponent.create}, its
 * {@code httpChannelInitializer()} on an EmbeddedChannel, as {@link PipelineTest} does), fed random
 * and mutated raw HTTP: pipelined requests, mutated request lines and headers, wrong framing
 * (Content-Length short, long, duplicated, chunked, broken chunks), bodies of every content type,
 * delivered in random pieces. Every answer must be a well-formed HTTP response with a status below
 * 500, the channel must never throw, every request still open must be answered (no hang), the
 * channel must finish clean, and every buffer must be released (no leak).
 *
 * <p>No database runs here, so inputs whose requests would reach it are discarded before they are
 * sent: {@link #mayReachDatabase} decodes the bytes with the same HTTP decoder and aggregator
 * settings and follows {@code RestHandler.dispatch} up to the first database call, conservatively.
 * The generators aim at what needs no database: unknown paths, wrong methods, unacceptable Accept
 * headers, bad path variables, channel creation with channel types this gateway refuses or with
 * bodies that do not parse, lifetime updates that do not parse, malformed HTTP.
 *
 * <p>Leaks are checked two ways: the channel's allocator records every buffer the pipeline
 * allocates and each must be released when the try ends (exact, no GC needed); and Netty's own
 * leak detector (paranoid in surefire) reports through a listener, after a forced GC at the end of
 * each property.
 */
class PipelineFuzzTest {
  private static final GatewayConfig CONFIG = GatewayConfigs.defaults();
  private static final GatewayComponent COMPONENT = GatewayComponent.create(CONFIG);
  private static final Router ROUTER = new Router(CONFIG);
  private static final Codec CODEC = Codec.create();
  /** Leaks Netty's detector reported while this class ran. */
  private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) [^\r\n]*");

  @BeforeContainer
  static void setUp() throws ReflectiveOperationException {
    GatewayConfigs.markServing(COMPONENT);
    byteBufLeakDetector().setLeakListener((type, records) -> LEAKS.add(type + " leaked" + records));
  }

  @AfterContainer
  static void tearDown() throws ReflectiveOperationException {
    byteBufLeakDetector().setLeakListener(null);
  }

  /**
   * The detector every allocator-made ByteBuf is tracked by. Netty keeps it in a package-private
   * field; its listener API is public.
   */
  private static ResourceLeakDetector<?> byteBufLeakDetector() throws ReflectiveOperationException {
    Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
    field.setAccessible(true);
    return (ResourceLeakDetector<?>) field.get(null);
  }

  /** After each property: collect garbage, let the detector look, and fail on anything it reported. */
  @AfterProperty
  void noLeakReportedAfterGc() throws InterruptedException {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
    System.gc();
    // once the sentinel is enqueued, the references cleared by that GC have been handed over
    queue.remove(2_000);
    for (int i = 0; i < 64; i++) {
      UnpooledByteBufAllocator.DEFAULT.directBuffer(1).release(); // each tracked allocation polls the detector's queue
    }
    List<String> leaks = new ArrayList<>(LEAKS);
    LEAKS.clear(); // reported once, here, not again by the next property
    assertTrue(leaks.isEmpty(), () -> "Netty reported leaks: " + String.join("\n", leaks));
  }

  // ================================================================ properties

  /** Generated requests, pipelined, mutated and split at random. */
  @Property(tries = 400)
  @StatisticsReport(onFailureOnly = true)
  void mutatedRequestsAreAnsweredBelow500(@ForAll("conversations") Conversation conversation) {
    List<Integer> statuses = exchange(conversation.bytes(), conversation.pieces());
    statuses.forEach(status -> Statistics.label("status").collect(status));
    // the generators must reach the resources' own refusals, not only the HTTP decoder's
    Statistics.label("status").coverage(coverage -> {
      for (int status : List.of(400, 403, 404, 405, 415)) {
        coverage.check(status).count(n -> n > 0);
      }
    });
  }

  /** Bytes with no HTTP structure at all, or a soup of HTTP tokens. */
  @Property(tries = 300)
  void arbitraryBytesAreAnsweredBelow500(@ForAll("noise") byte[] bytes, @ForAll("pieceSizes") List<Integer> pieces) {
    exchange(bytes, pieces);
  }

  /**
   * A client that goes away in the middle of a request (a body shorter than its Content-Length, a
   * chunked body without its last chunk, headers without their end) must not raise anything: in
   * production an exception reaching the end of the pipeline is logged by Netty as a WARN with a
   * stack trace ("An exceptionCaught() event was fired, and it reached at the tail of the
   * pipeline"), so any client could fill the log at will.
   */
  @Property(tries = 100)
  void connectionClosedMidRequestRaisesNothing(@ForAll("completeRequests") String complete, @ForAll("fractions") double cut) {
    byte[] request = utf8(complete);
    int length = (int) (request.length * cut);
    EmbeddedChannel channel = new EmbeddedChannel(COMPONENT.httpChannelInitializer());
    channel.writeInbound(channel.alloc().buffer(length).writeBytes(request, 0, length));
    channel.runPendingTasks();
    drain(channel, new ByteArrayOutputStream());
    try {
      channel.finishAndReleaseAll();
    } catch (Exception e) {
      throw new AssertionError("closing after " + length + " of " + request.length + " bytes threw " + e + ": "
          + describe(Arrays.copyOf(request, length)), e);
    }
  }

  /**
   * Requests pipelined behind one that closes the connection are not answered, and must not raise
   * anything either: today one with {@code Expect: 100-continue} makes the aggregator write
   * "100 Continue" to the closed channel, and the failed write reaches the end of the pipeline.
   */
  @Property(tries = 50)
  void requestsPipelinedBehindConnectionCloseRaiseNothing(@ForAll("completeRequests") String next,
      @ForAll boolean expectContinue) {
    String closing = "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String second = expectContinue ? next.replaceFirst("\r\n", "\r\nExpect: 100-continue\r\n") : next;
    byte[] bytes = utf8(closing + second);
    EmbeddedChannel channel = new EmbeddedChannel(COMPONENT.httpChannelInitializer());
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Exception raised = null;
    try {
      channel.writeInbound(channel.alloc().buffer(bytes.length).writeBytes(bytes));
      channel.runPendingTasks();
      drain(channel, output);
    } catch (Exception e) {
      raised = e;
    }
    try {
      channel.finishAndReleaseAll();
    } catch (Exception e) {
      raised = raised == null ? e : raised;
    }
    if (raised != null) {
      throw new AssertionError("threw " + raised + " for " + describe(bytes), raised);
    }
    assertEquals(List.of(404), statuses(output.toByteArray(), bytes), () -> text(output.toByteArray()));
  }

  @Provide
  Arbitrary<String> completeRequests() {
    return Arbitraries.of(
        "POST /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 51\r\n\r\n{\"notificationChannel\": {\"channelType\": \"OMAPush\"}}",
        "POST /notificationchannel/v1/u/channels HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n",
        "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  // ================================================================ one exchange

  /** Sends the bytes, checks everything, and returns the statuses of the answers. */
  private static List<Integer> exchange(byte[] bytes, List<Integer> pieces) {
    Decoded decoded = decode(bytes, pieces);
    Assume.that(!decoded.mayReachDatabase());
    TrackingAllocator alloc = new TrackingAllocator();
    EmbeddedChannel channel = new EmbeddedChannel(COMPONENT.httpChannelInitializer());
    channel.config().setAllocator(alloc);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int at = 0;
    for (int i = 0; at < bytes.length && channel.isOpen(); i++) {
      int size = Math.min(bytes.length - at, pieces.isEmpty() ? bytes.length : pieces.get(i % pieces.size()));
      ByteBuf piece = alloc.buffer(size).writeBytes(bytes, at, size);
      at += size;
      raisesNothingUnknown(() -> {
        channel.writeInbound(piece);
        channel.runPendingTasks();
      }, bytes);
      drain(channel, output);
    }
    raisesNothingUnknown(() -> {
      channel.runPendingTasks();
      channel.checkException();
    }, bytes);
    drain(channel, output);
    boolean open = channel.isOpen();
    boolean[] leftOver = {false};
    raisesNothingUnknown(() -> leftOver[0] = channel.finishAndReleaseAll(), bytes);

    List<Integer> statuses = statuses(output.toByteArray(), bytes);
    for (int status : statuses) {
      assertTrue(status >= 100 && status < 500, () -> "status " + status + " for " + describe(bytes) + "\nanswer: " + text(output.toByteArray()));
    }
    long finals = statuses.stream().filter(status -> status >= 200).count();
    if (open) {
      // nothing closed the connection, so every complete request must have been answered, in order
      assertEquals(decoded.requests() + decoded.aggregatorAnswers(), finals,
          () -> "answers to " + describe(bytes) + "\nanswer: " + text(output.toByteArray()));
    }
    assertFalse(leftOver[0], () -> "messages left in the channel after " + describe(bytes));
    alloc.assertAllReleased(bytes);
    assertTrue(LEAKS.isEmpty(), () -> "Netty reported leaks: " + String.join("\n", LEAKS));
    return statuses;
  }

  /**
   * Runs a step on the channel; EmbeddedChannel rethrows there what reached the end of the pipeline
   * (checked exceptions too). Nothing may: RestHandler is the pipeline's terminal error path.
   */
  private static void raisesNothingUnknown(Runnable step, byte[] bytes) {
    try {
      step.run();
    } catch (Exception e) {
      throw new AssertionError("the pipeline threw " + e + " for " + describe(bytes), e);
    }
  }

  private static void drain(EmbeddedChannel channel, ByteArrayOutputStream output) {
    Object message;
    while ((message = channel.readOutbound()) != null) {
      try {
        if (!(message instanceof ByteBuf buffer)) {
          fail("unexpected outbound message " + message);
          return;
        }
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        output.writeBytes(bytes);
      } finally {
        ReferenceCountUtil.release(message);
      }
    }
  }

  /**
   * Splits the output into responses and returns their status codes; fails unless it is a sequence
   * of well-formed HTTP/1.1 responses, each framed by Content-Length (or bodiless by its status).
   */
  static List<Integer> statuses(byte[] output, byte[] input) {
    List<Integer> statuses = new ArrayList<>();
    int at = 0;
    while (at < output.length) {
      int headEnd = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
      if (headEnd < 0) {
        fail("a response without the end of its head: " + text(Arrays.copyOfRange(output, at, output.length))
            + "\nfor " + describe(input));
      }
      String[] lines = new String(output, at, headEnd - at, StandardCharsets.ISO_8859_1).split("\r\n");
      Matcher status = STATUS_LINE.matcher(lines[0]);
      if (!status.matches()) {
        fail("not a status line: " + lines[0] + "\nfor " + describe(input));
      }
      int code = Integer.parseInt(status.group(1));
      int length = -1;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("content-length")) {
          length = Integer.parseInt(lines[i].substring(colon + 1).trim());
        }
      }
      if (code < 200 || code == 204 || code == 304) {
        length = Math.max(length, 0);
      }
      if (length < 0) {
        fail("a " + code + " response without Content-Length\nfor " + describe(input));
      }
      statuses.add(code);
      at = headEnd + 4 + length;
      if (at > output.length) {
        fail("a " + code + " response shorter than its Content-Length\nfor " + describe(input));
      }
    }
    return statuses;
  }

  // ================================================================ the oracle: would this reach the database?

  /**
   * What the pipeline's decoder and aggregator make of the bytes: the complete requests passed on,
   * the answers the aggregator gives itself (100-continue refusals), and whether any request could
   * get as far as a database call.
   */
  record Decoded(int requests, int aggregatorAnswers, boolean mayReachDatabase) {}

  static Decoded decode(byte[] bytes, List<Integer> pieces) {
    EmbeddedChannel decoder = new EmbeddedChannel(
        new HttpServerCodec(new HttpDecoderConfig()
            .setMaxInitialLineLength(HttpChannelInitializer.MAX_INITIAL_LINE_BYTES)
            .setMaxHeaderSize(HttpChannelInitializer.MAX_HEADER_BYTES)),
        new HttpObjectAggregator(CONFIG.maxRequestBytes()));
    int requests = 0;
    boolean database = false;
    ByteArrayOutputStream answers = new ByteArrayOutputStream();
    try {
      int at = 0;
      for (int i = 0; at < bytes.length && decoder.isOpen(); i++) {
        int size = Math.min(bytes.length - at, pieces.isEmpty() ? bytes.length : pieces.get(i % pieces.size()));
        decoder.writeInbound(UnpooledByteBufAllocator.DEFAULT.heapBuffer(size).writeBytes(bytes, at, size));
        at += size;
        Object message;
        while ((message = decoder.readInbound()) != null) {
          try {
            if (message instanceof FullHttpRequest request) {
              requests++;
              database |= mayReachDatabase(request);
            } else {
              database = true; // not understood: do not send it
            }
          } finally {
            ReferenceCountUtil.release(message);
          }
        }
        drain(decoder, answers);
      }
    } catch (Exception e) {
      database = true; // the plain decoder threw: let the property not depend on it
    } finally {
      try {
        decoder.finishAndReleaseAll();
      } catch (Exception e) {
        // e.g. closed while aggregating: the oracle only counts what was decoded
      }
    }
    int aggregatorAnswers = 0;
    Matcher status = STATUS_LINE.matcher(new String(answers.toByteArray(), StandardCharsets.ISO_8859_1));
    while (status.find()) {
      aggregatorAnswers += Integer.parseInt(status.group(1)) >= 200 ? 1 : 0;
    }
    return new Decoded(requests, aggregatorAnswers, database);
  }

  /** {@code RestHandler.dispatch} up to its first database call; true when it might get there. */
  static boolean mayReachDatabase(FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      return false;
    }
    if (request.method().equals(HttpMethod.HEAD)) {
      return true; // a HEAD answer has no body, which the response parser here does not follow
    }
    Optional<Route> route;
    try {
      route = ROUTER.match(request.uri());
    } catch (BadPathException e) {
      return false;
    }
    if (route.isEmpty() || !route.get().resource().allows(request.method())) {
      return false;
    }
    if (ContentNegotiation.responseFormat(request.headers().get(HttpHeaderNames.ACCEPT)).isEmpty()) {
      return false;
    }
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    Optional<MediaFormat> format = ContentNegotiation.requestFormat(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
    Resource resource = route.get().resource();
    if (resource == Resource.CHANNELS && request.method().equals(HttpMethod.POST)) {
      if (body.length == 0 || format.isEmpty()) {
        return false;
      }
      try {
        ChannelType type = CODEC.read(body, format.get(), NotificationChannel.class).channelType();
        // LongPolling and WebSockets are supported: their creation would go on to the database
        return type == ChannelType.LongPolling || type == ChannelType.WebSockets;
      } catch (InvalidBodyException e) {
        return false;
      }
    }
    if (resource == Resource.CHANNEL_LIFETIME && request.method().equals(HttpMethod.PUT) && body.length > 0) {
      if (format.isEmpty() || format.get() == MediaFormat.FORM) {
        return false;
      }
      try {
        Integer lifetime = CODEC.read(body, format.get(), NotificationChannelLifetime.class).channelLifetime();
        return lifetime == null || lifetime >= 1;
      } catch (InvalidBodyException e) {
        return false;
      }
    }
    return true; // every other allowed request is answered from the database
  }

  // ================================================================ leak tracking

  /**
   * Records every buffer with where it was made. Unpooled (a released buffer is never reused, so its
   * refCnt stays telling) and direct (Netty's leak detector tracks unpooled direct buffers, not
   * unpooled heap ones).
   */
  static final class TrackingAllocator implements ByteBufAllocator {
    private final ByteBufAllocator delegate = new UnpooledByteBufAllocator(true);
    private final List<ByteBuf> buffers = new ArrayList<>();
    private final List<Throwable> origins = new ArrayList<>();

    private <T extends ByteBuf> T track(T buffer) {
      buffers.add(buffer);
      origins.add(new Throwable("allocated here"));
      return buffer;
    }

    void assertAllReleased(byte[] input) {
      for (int i = 0; i < buffers.size(); i++) {
        if (buffers.get(i).refCnt() != 0) {
          throw new AssertionError("a buffer was never released (refCnt " + buffers.get(i).refCnt() + ") after "
              + describe(input), origins.get(i));
        }
      }
    }

    @Override
    public ByteBuf buffer() {
      return track(delegate.directBuffer());
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
      return track(delegate.directBuffer(initialCapacity));
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
      return track(delegate.directBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public ByteBuf ioBuffer() {
      return buffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
      return buffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
      return buffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf heapBuffer() {
      return buffer();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
      return buffer(initialCapacity);
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
      return buffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer() {
      return buffer();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
      return buffer(initialCapacity);
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
      return buffer(initialCapacity, maxCapacity);
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
      return track(delegate.compositeDirectBuffer());
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
      return track(delegate.compositeDirectBuffer(maxNumComponents));
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
      return compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
      return compositeBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
      return compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
      return compositeBuffer(maxNumComponents);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }

    @Override
    public String toString() {
      return "TrackingAllocator(" + buffers.size() + " buffers)";
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
      return delegate.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
  }

  // ================================================================ generated requests

  /** One request as sent, before framing; the body is framed by {@code framing}. */
  record Request(String method, String target, String version, List<String> headers, Payload payload, Framing framing,
      String lineEnd) {

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(version.isEmpty() ? "" : " " + version).append(lineEnd);
      for (String header : headers) {
        head.append(header).append(lineEnd);
      }
      if (payload.contentType() != null) {
        head.append("Content-Type: ").append(payload.contentType()).append(lineEnd);
      }
      byte[] body = payload.bytes();
      switch (framing) {
        case LENGTH -> head.append("Content-Length: ").append(body.length).append(lineEnd);
        case SHORT_LENGTH -> head.append("Content-Length: ").append(body.length / 2).append(lineEnd);
        case LONG_LENGTH -> head.append("Content-Length: ").append(body.length + 7).append(lineEnd);
        case TWO_LENGTHS -> head.append("Content-Length: ").append(body.length).append(lineEnd)
            .append("Content-Length: ").append(body.length + 1).append(lineEnd);
        case CHUNKED, BROKEN_CHUNKS -> head.append("Transfer-Encoding: chunked").append(lineEnd);
        case NONE -> { }
      }
      head.append(lineEnd);
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      if (framing == Framing.CHUNKED || framing == Framing.BROKEN_CHUNKS) {
        int at = 0;
        while (at < body.length) {
          int size = Math.min(7, body.length - at);
          String sizeLine = framing == Framing.BROKEN_CHUNKS && at > 0 ? "zz" : Integer.toHexString(size);
          out.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body, at, size);
          out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
          at += size;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        out.writeBytes(body);
      }
      return out.toByteArray();
    }
  }

  enum Framing { LENGTH, NONE, SHORT_LENGTH, LONG_LENGTH, TWO_LENGTHS, CHUNKED, BROKEN_CHUNKS }

  /** A body and the Content-Type sent with it (null: none). */
  record Payload(String contentType, byte[] bytes) {
    @Override
    public String toString() {
      return "Payload[" + contentType + ", " + text(bytes) + "]";
    }
  }

  /** An edit of the whole byte stream; positions are taken modulo its length. */
  record Mutation(int operation, int position, int length, int value) {
    byte[] apply(byte[] bytes) {
      if (bytes.length == 0) {
        return bytes;
      }
      int at = position % bytes.length;
      int n = Math.min(length, bytes.length - at);
      byte[] token = TOKENS.get(value % TOKENS.size()).getBytes(StandardCharsets.UTF_8);
      return switch (operation) {
        case 0 -> {
          byte[] b = bytes.clone();
          b[at] ^= (byte) (1 << (value % 8));
          yield b;
        }
        case 1 -> Arrays.copyOf(bytes, at);
        case 2 -> splice(bytes, at, 0, token);
        case 3 -> splice(bytes, at, n, new byte[0]);
        case 4 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + n));
        default -> splice(bytes, at, n, token);
      };
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
      byte[] b = new byte[bytes.length - removed + inserted.length];
      System.arraycopy(bytes, 0, b, 0, at);
      System.arraycopy(inserted, 0, b, at, inserted.length);
      System.arraycopy(bytes, at + removed, b, at + inserted.length, bytes.length - at - removed);
      return b;
    }
  }

  /** Requests sent back to back on one connection, then edited, then delivered in pieces. */
  record Conversation(List<Request> requests, List<Mutation> mutations, List<Integer> pieces) {
    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      requests.forEach(request -> out.writeBytes(request.bytes()));
      byte[] bytes = out.toByteArray();
      for (Mutation mutation : mutations) {
        bytes = mutation.apply(bytes);
      }
      return bytes;
    }

    @Override
    public String toString() {
      return "Conversation[mutations=" + mutations + ", pieces=" + pieces + ", bytes=\n" + text(bytes()) + "]";
    }
  }

  private static final List<String> TOKENS = List.of(
      "\r\n", "\r\n\r\n", "\n", "\r", ":", " ", "\t", "/", "?", "%", "%ZZ", "#", "\u0000", "\u00e9", "HTTP/1.1",
      "Content-Length: 5\r\n", "Content-Length: 99999999\r\n", "Transfer-Encoding: chunked\r\n", "0\r\n\r\n",
      "Expect: 100-continue\r\n", "Connection: close\r\n", "GET / HTTP/1.1\r\n\r\n", "{", "}", "<", ">", "\"");

  private static final String NC_NS = "urn:oma:xml:rest:netapi:notificationchannel:1";

  @Provide
  Arbitrary<Conversation> conversations() {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(1, 32), Arbitraries.integers().between(0, 1000))
        .as(Mutation::new);
    Arbitrary<List<Mutation>> mutations = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(List.<Mutation>of())),
        Tuple.of(1, mutation.list().ofMinSize(1).ofMaxSize(3)));
    return Combinators.combine(requests().list().ofMinSize(1).ofMaxSize(3), mutations, pieceSizes())
        .as(Conversation::new);
  }

  @Provide
  Arbitrary<List<Integer>> pieceSizes() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(List.<Integer>of())), // all at once
        Tuple.of(1, Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(5)));
  }

  @Provide
  Arbitrary<byte[]> noise() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    Arbitrary<byte[]> tokens = Arbitraries.of(concat(TOKENS, List.of("GET", "POST", "PUT", "/notificationchannel/v1/u/channels",
            "Host: x", "Content-Type: application/json", "HTTP/1.0", "a", "1", "=")))
        .list().ofMaxSize(60).map(list -> String.join("", list).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, tokens);
  }

  private static Arbitrary<Request> requests() {
    // each kind of malformation is rare, so that most requests reach the REST handler: a request the
    // HTTP decoder refuses is answered 400 and ends the connection, and what follows it is never read
    Arbitrary<String> lineEnds = Arbitraries.frequency(Tuple.of(20, "\r\n"), Tuple.of(1, "\n"));
    Arbitrary<String> versions = Arbitraries.frequency(Tuple.of(40, "HTTP/1.1"), Tuple.of(3, "HTTP/1.0"),
        Tuple.of(1, "HTTP/2.0"), Tuple.of(1, "HTTP/1.1x"), Tuple.of(1, ""), Tuple.of(1, "http/1.1"));
    Arbitrary<Framing> framings = Arbitraries.frequency(Tuple.of(30, Framing.LENGTH), Tuple.of(4, Framing.CHUNKED),
        Tuple.of(1, Framing.NONE), Tuple.of(1, Framing.SHORT_LENGTH), Tuple.of(1, Framing.LONG_LENGTH),
        Tuple.of(1, Framing.TWO_LENGTHS), Tuple.of(1, Framing.BROKEN_CHUNKS));
    Arbitrary<List<String>> headers = Combinators.combine(
            Arbitraries.frequency(Tuple.of(20, List.of("Host: x")), Tuple.of(1, List.<String>of()),
                Tuple.of(1, List.of("Host: x", "Host: y"))),
            headerLines().list().ofMaxSize(2))
        .as((host, more) -> concat(host, more));
    Arbitrary<Tuple.Tuple2<String, String>> targets = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(Tuple.of("POST", "/notificationchannel/v1/tel%3A%2B19585550100/channels"))),
        Tuple.of(1, Arbitraries.just(Tuple.of("PUT", "/notificationchannel/v1/u/channels/c1/channelLifetime"))),
        Tuple.of(3, Combinators.combine(methods(), knownTargets()).as(Tuple::of)),
        Tuple.of(2, Combinators.combine(methods(), randomTargets()).as(Tuple::of)));
    return Combinators.combine(targets, versions, headers, payloads(), framings, lineEnds)
        .as((target, version, headerList, payload, framing, lineEnd) ->
            new Request(target.get1(), target.get2(), version, headerList, payload, framing, lineEnd));
  }

  private static Arbitrary<String> methods() {
    return Arbitraries.frequency(Tuple.of(3, "GET"), Tuple.of(3, "POST"), Tuple.of(3, "PUT"), Tuple.of(2, "DELETE"),
        Tuple.of(2, "PATCH"), Tuple.of(1, "OPTIONS"), Tuple.of(1, "TRACE"), Tuple.of(1, "CONNECT"), Tuple.of(1, "FOO"),
        Tuple.of(1, "get"), Tuple.of(1, "P\u00d6ST"));
  }

  private static Arbitrary<String> knownTargets() {
    return Arbitraries.of(
        "/notificationchannel/v1/u/channels", "/notificationchannel/v1/tel%3A%2B1/channels/c1",
        "/notificationchannel/v1/u/channels/c1/channelLifetime", "/notificationchannel/v1/u/channels/",
        "/callbacks/tok", "/longpoll/tok", "/ws/tok", "/movies/v1/movies", "/movies/v1/movies/m1",
        "/movies/v1/u/subscriptions", "/movies/v1/u/subscriptions/s1", "/notificationchannel/v1/%ZZ/channels",
        "/notificationchannel/v1//channels", "/notificationchannel/v1/%E2%28/channels",
        "/notificationchannel/v1/" + "a".repeat(300) + "/channels", "http://localhost:8080/notificationchannel/v1/u/channels",
        "/notificationchannel/v1/u/channels?x=%", "/", "*", "/nope", "example.com:443");
  }

  private static Arbitrary<String> randomTargets() {
    Arbitrary<String> pieces = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars("-_.~:+@!$'()*,;=").ofMaxLength(10)),
        Tuple.of(2, Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b))),
        Tuple.of(2, Arbitraries.of("notificationchannel", "v1", "channels", "channelLifetime", "movies", "subscriptions",
            "callbacks", "ws", "longpoll", "..", ".", "", "%", "%G1", "%C3%28")),
        Tuple.of(1, Arbitraries.strings().withCharRange('\u0021', '\u00ff').ofMaxLength(4)));
    Arbitrary<String> segment = pieces.list().ofMaxSize(3).map(list -> String.join("", list));
    return Combinators.combine(segment.list().ofMaxSize(6), Arbitraries.of("", "", "?a=b", "?%", "#f", "/"))
        .as((segments, suffix) -> "/" + String.join("/", segments) + suffix);
  }

  private static Arbitrary<String> headerLines() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.of(
            "Accept: */*", "Accept: application/xml", "Accept: application/json;q=0.5, application/xml", "Accept: image/png",
            "Accept: application/xml;q=abc", "Accept: text/*", "Accept:", "Accept: application/json;q=0",
            "Connection: keep-alive", "Upgrade: websocket", "Expect: 100-continue", "X-Utf8: \u00e9", "Cookie: a=b")),
        Tuple.of(2, Arbitraries.of("Connection: close", "Connection: Upgrade", "Expect: something-else",
            "Content-Type: text/plain", "Content-Type:")),
        // malformed or oversized: each of these ends the connection
        Tuple.of(2, Arbitraries.of("Transfer-Encoding: gzip, chunked", "Content-Length: -1", "Content-Length: 1e3",
            "Content-Length: 99999999999999999999", "Content-Length: 70000", " leading: space", "Bad Header: x",
            "NoColon", "X-Folded: a\r\n b", "X-Nul: a\u0000b", "X-Big: " + "a".repeat(17_000))),
        Tuple.of(1, Combinators.combine(Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange(' ', '\u00ff').ofMaxLength(20))
            .as((name, value) -> name + ": " + value)));
  }

  /** Bodies whose creation or lifetime update is refused before any database call, and junk. */
  private static Arbitrary<Payload> payloads() {
    // OMAPush and NativeChannel are refused with POL1023 before any query; the rest do not parse
    Arbitrary<String> types = Arbitraries.frequency(Tuple.of(6, "OMAPush"), Tuple.of(4, "NativeChannel"),
        Tuple.of(1, ""), Tuple.of(1, "Bogus"), Tuple.of(1, "longpolling"));
    Arbitrary<String> strings = Arbitraries.strings().withCharRange(' ', '\u00ff').ofMaxLength(12);
    Arbitrary<String> numbers = Arbitraries.frequency(Tuple.of(6, "60"), Tuple.of(3, "1"), Tuple.of(1, "0"),
        Tuple.of(1, "-1"), Tuple.of(1, "2147483648"), Tuple.of(1, "x"));
    Arbitrary<String> jsonTypes = Arbitraries.frequency(Tuple.of(8, "application/json"),
        Tuple.of(2, "application/json; charset=utf-8"), Tuple.of(1, "application/vnd.x+json"), Tuple.of(1, "application/xml"),
        Tuple.of(1, "text/plain"));
    Arbitrary<Payload> json = Combinators.combine(types, strings, numbers, numbers, jsonTypes)
        .as((type, correlator, lifetime, max, contentType) -> new Payload(contentType, utf8(
            "{\"notificationChannel\": {\"channelType\": \"" + type + "\", \"clientCorrelator\": \"" + escapeJson(correlator)
                + "\", \"channelLifetime\": \"" + lifetime + "\", \"channelData\": {\"maxNotifications\": " + max + "}}}")));
    Arbitrary<String> prologs = Arbitraries.frequency(Tuple.of(8, ""), Tuple.of(2, "<?xml version=\"1.0\"?>"),
        Tuple.of(1, "<!DOCTYPE a [<!ENTITY e \"x\">]>"), Tuple.of(1, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"));
    Arbitrary<String> xmlTypes = Arbitraries.frequency(Tuple.of(6, "application/xml"),
        Tuple.of(2, "text/xml; charset=ISO-8859-1"), Tuple.of(1, "application/atom+xml"), Tuple.of(1, "application/json"));
    Arbitrary<Payload> xml = Combinators.combine(types, strings, numbers, prologs, xmlTypes)
        .as((type, tag, lifetime, prolog, contentType) -> new Payload(contentType, utf8(prolog
            + "<nc:notificationChannel xmlns:nc=\"" + NC_NS + "\"><channelType>" + type + "</channelType><applicationTag>"
            + escapeXml(tag) + "</applicationTag><channelLifetime>" + lifetime + "</channelLifetime></nc:notificationChannel>")));
    Arbitrary<Payload> form = Combinators.combine(types, strings, numbers)
        .as((type, correlator, max) -> new Payload("application/x-www-form-urlencoded", utf8("channelType=" + type
            + "&clientCorrelator=" + correlator.replace("%", "%25").replace("&", "%26") + "&maxNotifications=" + max)));
    Arbitrary<Payload> lifetimes = Combinators.combine(Arbitraries.of("0", "-1", "x", "", "1e3"),
            Arbitraries.of("application/json", "application/xml", "application/x-www-form-urlencoded", "text/plain"))
        .as((lifetime, contentType) -> new Payload(contentType, utf8(contentType.endsWith("xml")
            ? "<nc:notificationChannelLifetime xmlns:nc=\"" + NC_NS + "\"><channelLifetime>" + lifetime
                + "</channelLifetime></nc:notificationChannelLifetime>"
            : "{\"notificationChannelLifetime\": {\"channelLifetime\": \"" + lifetime + "\"}}")));
    Arbitrary<Payload> junk = Combinators.combine(
            Arbitraries.of("application/json", "application/xml", "application/x-www-form-urlencoded", "text/plain", "",
                "application/json; charset=\u00e9", "*/*", "multipart/form-data; boundary=x"),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
        .as(Payload::new);
    return Arbitraries.frequencyOf(
        Tuple.of(4, json), Tuple.of(3, xml), Tuple.of(3, form), Tuple.of(1, lifetimes), Tuple.of(1, junk),
        Tuple.of(2, Arbitraries.just(new Payload(null, new byte[0]))),
        Tuple.of(1, json.map(p -> new Payload(null, p.bytes()))));
  }

  // ================================================================ helpers

  private static String escapeJson(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String escapeXml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String describe(byte[] bytes) {
    String shown = bytes.length <= 600 ? text(bytes) : text(Arrays.copyOf(bytes, 600)) + "... (" + bytes.length + " bytes)";
    return "\"" + shown.replace("\r", "\\r").replace("\n", "\\n\n") + "\"";
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @SafeVarargs
  private static <T> List<T> concat(List<? extends T>... lists) {
    List<T> all = new ArrayList<>();
    for (List<? extends T> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
