package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A load balancer without stickiness in front of the cluster nodes: the one public URL of the realm. Each request
 * goes to the node the test chose: the one named by the request header {@value #NODE_HEADER} (1-based, stripped),
 * else the balancer's current {@link Policy} (a fixed node, or alternating so consecutive requests of one browser
 * land on different nodes). Requests and answers pass unchanged (cookies, redirects, {@code X-Forwarded-For}).
 * A node that is down answers 502, as a real balancer without health checks would.
 */
public final class LoadBalancer implements AutoCloseable {

    public static final String NODE_HEADER = "X-Einlass-Test-Node";
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", NODE_HEADER.toLowerCase(Locale.ROOT));
    private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "transfer-encoding", "keep-alive");

    /** How requests without the node header are spread. */
    public enum Policy { NODE_1, NODE_2, ALTERNATE }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> nodes;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray served;
    private volatile Policy policy = Policy.ALTERNATE;

    private LoadBalancer(HttpServer server, ExecutorService executor, List<String> nodes) {
        this.server = server;
        this.executor = executor;
        this.nodes = List.copyOf(nodes);
        this.served = new AtomicLongArray(nodes.size());
    }

    /** @param nodes base URLs of the nodes, e.g. {@code http://127.0.0.1:18080} */
    public static LoadBalancer start(int port, List<String> nodes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(24, r -> {
                Thread t = new Thread(r, "einlass-lb");
                t.setDaemon(true);
                return t;
            });
            LoadBalancer balancer = new LoadBalancer(server, executor, nodes);
            server.createContext("/", balancer::forward);
            server.setExecutor(executor);
            server.start();
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realm's public URL as browsers see it: {@code http://localhost:<port>}. */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public void route(Policy policy) {
        this.policy = policy;
    }

    /** How many requests node {@code n} (1-based) has answered so far. */
    public long served(int node) {
        return served.get(node - 1);
    }

    private int choose(HttpExchange exchange) {
        String pinned = exchange.getRequestHeaders().getFirst(NODE_HEADER);
        if (pinned != null) {
            return Integer.parseInt(pinned.strip()) - 1;
        }
        return switch (policy) {
            case NODE_1 -> 0;
            case NODE_2 -> 1;
            case ALTERNATE -> Math.floorMod(next.getAndIncrement(), nodes.size());
        };
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            int node = choose(exchange);
            URI target = URI.create(nodes.get(node) + exchange.getRequestURI().toString());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                byte[] down = ("node " + (node + 1) + " is down").getBytes();
                exchange.sendResponseHeaders(502, down.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(down);
                }
                return;
            }
            served.incrementAndGet(node);
            response.headers().map().forEach((name, values) -> {
                if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            boolean empty = answer.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
