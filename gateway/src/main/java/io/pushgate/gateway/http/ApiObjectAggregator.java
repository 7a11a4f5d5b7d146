package io.pushgate.gateway.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.pushgate.model.MediaFormat;
import io.pushgate.model.ServiceException;

/**
 * Aggregates a request into one message, and answers one over the limit with 413 in the spec's error
 * format (Netty's default is an empty 413), then closes: the rest of the body is never read.
 */
final class ApiObjectAggregator extends HttpObjectAggregator {
  private final ResponseEncoder encoder;

  ApiObjectAggregator(int maxContentLength, ResponseEncoder encoder) {
    super(maxContentLength);
    this.encoder = encoder;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
    if (!(oversized instanceof HttpRequest request)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    MediaFormat format = ContentNegotiation.responseFormat(request.headers().get(HttpHeaderNames.ACCEPT))
        .orElse(MediaFormat.JSON);
    ApiResponse answer = ApiResponse.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        ServiceException.serviceError("request body larger than " + maxContentLength() + " bytes"));
    FullHttpResponse response = encoder.encode(answer, format, ctx.alloc());
    HttpUtil.setKeepAlive(response, false);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
