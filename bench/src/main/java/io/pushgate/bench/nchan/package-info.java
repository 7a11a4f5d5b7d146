/**
 * Nchan (nginx with the Nchan pub/sub module) as the harness's reference server: started through
 * {@code scripts/nchan}, channels that exist on first use, one message per published POST relayed
 * verbatim to the channel's WebSockets.
 */
package io.pushgate.bench.nchan;
