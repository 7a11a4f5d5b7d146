package io.pushgate.gateway;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client over a bare socket, for the cases a real client library will not play: one that
 * stops reading (a slow consumer) or never answers (a dead peer). Reads unmasked server frames.
 */
public final class RawWebSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Performs the opening handshake with the API's subprotocol; asserts 101. */
  public static RawWebSocket connect(String url, int receiveBufferBytes) throws IOException {
    URI uri = URI.create(url);
    Socket socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    socket.setSoTimeout(20_000);
    String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
        + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + WsClient.SUBPROTOCOL + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    String status = readHeaders(socket.getInputStream());
    if (!status.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("handshake refused: " + status);
    }
    return new RawWebSocket(socket);
  }

  private static String readHeaders(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during handshake");
      }
      head.append((char) b);
    }
    return head.substring(0, head.indexOf("\r\n"));
  }

  /** One frame from the server: its opcode and payload. */
  public record Frame(int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** The next frame; throws EOFException when the server closed the connection. */
  public Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
