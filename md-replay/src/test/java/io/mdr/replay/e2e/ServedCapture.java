package io.mdr.replay.e2e;

import io.mdr.replay.request.CaptureMessageStore;
import io.mdr.replay.request.RequestServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** md-request-server's core serving a capture on 127.0.0.1 (an ephemeral port) from a thread of the test's JVM. */
final class ServedCapture implements AutoCloseable {
    private final CaptureMessageStore store;
    private final RequestServer server;
    private final Thread thread;

    ServedCapture(Path capture, List<RequestServer.Withheld> withheld) throws IOException {
        store = CaptureMessageStore.load(List.of(capture), null);
        server = new RequestServer(store, new InetSocketAddress("127.0.0.1", 0), RequestServer.DEFAULT_MAX_PAYLOAD, withheld);
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (server.serve() == 0) {
                        LockSupport.parkNanos(20_000);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "md-request-server");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() throws IOException {
        return server.address();
    }

    /** The {@code --request-server} argument. */
    String argument() throws IOException {
        return "127.0.0.1:" + address().getPort();
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        store.close();
    }
}
