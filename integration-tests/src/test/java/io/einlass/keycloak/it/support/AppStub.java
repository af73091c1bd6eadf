package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * The portal app as far as the sign-in needs it: a real HTTP server at the redirect URI that answers with a plain
 * "signed in" page (a real browser lands there after the sign-in). Code exchange is done by the tests ({@link OidcApp}).
 */
public final class AppStub implements AutoCloseable {

    private final HttpServer server;

    private AppStub(HttpServer server) {
        this.server = server;
    }

    public static AppStub start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", exchange -> {
                byte[] body = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Portal</title></head>"
                        + "<body><h1 id=\"app\">Customer portal</h1><p>Signed in.</p></body></html>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new AppStub(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** e.g. {@code http://localhost:18321} */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
