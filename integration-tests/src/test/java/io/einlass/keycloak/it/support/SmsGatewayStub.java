package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for an SMS gateway: it records every request it receives (path, headers,
 * body) and answers 200, or a configured error status to simulate an outage. It can also stop listening (the
 * server's connections are refused) and listen again on the same port.
 */
public final class SmsGatewayStub implements AutoCloseable {

    /** One request the gateway received. */
    public record Received(String method, String path, String contentType, String authorization, String body) {
    }

    /** The Authorization header the server is configured to send. */
    public static final String AUTHORIZATION = "Bearer einlass-it-sms-key";

    private final int port;
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
    private HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger failWithStatus = new AtomicInteger(0);
    private final AtomicInteger delayMillis = new AtomicInteger(0);

    private SmsGatewayStub(int port) {
        this.port = port;
    }

    public static SmsGatewayStub start(int port) {
        SmsGatewayStub stub = new SmsGatewayStub(port);
        stub.listen();
        return stub;
    }

    private synchronized void listen() {
        try {
            HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            listening.createContext("/", this::handle);
            listening.setExecutor(pool);
            listening.start();
            server = listening;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway host is down: nothing listens on its port, so every connection is refused. */
    public synchronized void refuseConnections() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The gateway is back: listens again on the same port (a no-op while it listens). */
    public synchronized void acceptConnections() {
        if (server == null) {
            listen();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        synchronized (received) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            received.notifyAll();
        }
        if (delayMillis.get() > 0) {
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = failWithStatus.get() > 0 ? failWithStatus.get() : 200;
        byte[] answer = (status == 200 ? "{\"id\":\"stub-" + received.size() + "\",\"status\":\"queued\"}" : "{\"error\":\"unavailable\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** Base URL of the gateway, e.g. {@code http://127.0.0.1:18200}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Answer only after {@code millis} (longer than the server's timeout: a hanging gateway); 0 answers at once. */
    public void delay(int millis) {
        delayMillis.set(millis);
    }

    /** The messages received so far whose body names {@code number}. */
    public List<Received> to(String number) {
        return received().stream().filter(r -> r.body().contains("\"" + number + "\"")).toList();
    }

    /** Waits (up to 15 s) until {@code count} messages to {@code number} arrived; returns them. */
    public List<Received> await(String number, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        synchronized (received) {
            while (to(number).size() < count && System.currentTimeMillis() < deadline) {
                try {
                    received.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Received> messages = to(number);
        if (messages.size() < count) {
            throw new AssertionError("expected " + count + " SMS to " + number + ", got " + messages);
        }
        return messages;
    }

    /** Simulate a gateway outage (e.g. 503); 0 answers normally again. */
    public void failWith(int status) {
        failWithStatus.set(status);
    }

    @Override
    public void close() {
        refuseConnections();
    }
}
