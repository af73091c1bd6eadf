package io.einlass.keycloak.it.dev;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Urls;

/**
 * The portal app of the dev server (http://localhost:3000): starts sign-ins with PKCE for the three demo clients,
 * exchanges the code and shows who signed in and how ({@code acr}, {@code amr}). A development aid only.
 */
final class DemoApp implements AutoCloseable {

    private static final Map<String, String> CLIENTS = Map.of(
            "portal-app", "Password or email link (main flow)",
            "portal-passwordless", "Email link only",
            "acme-portal", "ACME tenant branding");

    /** Account changes the demo app can start (kc_action), with their button text. */
    private static final Map<String, String> ACTIONS = new java.util.LinkedHashMap<>();

    static {
        ACTIONS.put("einlass-recovery-email", "Add a recovery email");
        ACTIONS.put("einlass-recovery-phone", "Add a recovery phone");
        ACTIONS.put("UPDATE_PASSWORD", "Change the password");
        ACTIONS.put("CONFIGURE_TOTP", "Set up an authenticator app");
    }

    private final HttpServer server;
    private final String keycloak;
    private final String self;
    private final Map<String, OidcApp.Login> pending = new ConcurrentHashMap<>();
    private final Map<String, OidcApp> apps = new ConcurrentHashMap<>();

    private DemoApp(HttpServer server, String keycloak, String self) {
        this.server = server;
        this.keycloak = keycloak;
        this.self = self;
    }

    static DemoApp start(int port, String keycloakBaseUrl) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            DemoApp app = new DemoApp(server, keycloakBaseUrl, "http://localhost:" + port);
            server.createContext("/", app::handle);
            server.start();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return self;
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        if (path.equals("/login")) {
            String clientId = Urls.queryParam(uri, "client").filter(CLIENTS::containsKey).orElse("portal-app");
            OidcApp app = apps.computeIfAbsent(clientId, c -> new OidcApp(keycloak, "portal", c, self + "/callback"));
            // an account change started by the app (application-initiated action), e.g. "Add a recovery email"
            String action = Urls.queryParam(uri, "action").filter(ACTIONS::containsKey).orElse(null);
            OidcApp.Login login = action == null ? app.login() : app.login(Map.of("kc_action", action));
            pending.put(login.state(), login);
            exchange.getResponseHeaders().add("Location", login.url());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        if (path.equals("/callback")) {
            String state = Urls.queryParam(uri, "state").orElse("");
            OidcApp.Login login = pending.remove(state);
            String code = Urls.queryParam(uri, "code").orElse(null);
            if (login == null || code == null) {
                html(exchange, "<p>This sign-in is unknown or was used already. <a href=\"/\">Start again</a></p>");
                return;
            }
            String clientId = login.url().replaceAll(".*client_id=([^&]*).*", "$1");
            try {
                Tokens tokens = apps.get(clientId).exchange(code, login.verifier());
                JsonNode id = tokens.idClaims();
                StringBuilder actions = new StringBuilder("<ul>");
                ACTIONS.forEach((a, label) -> actions.append("<li><a href=\"/login?client=").append(clientId).append("&amp;action=")
                        .append(a).append("\">").append(escape(label)).append("</a></li>"));
                actions.append("<li><a href=\"").append(keycloak).append("/realms/portal/einlass/account\">Sign-in and security</a></li></ul>");
                html(exchange, "<h1>Signed in</h1><table>"
                        + row("Client", clientId) + row("Email", id.path("email").asText())
                        + row("Name", id.path("name").asText()) + row("acr", id.path("acr").asText())
                        + row("amr", id.path("amr").toString())
                        + row("Account change", Urls.queryParam(uri, "kc_action_status").orElse("-")) + "</table>" + actions
                        + "<p><a href=\"" + keycloak + "/realms/portal/protocol/openid-connect/logout?client_id=" + clientId
                        + "&amp;id_token_hint=" + tokens.raw().path("id_token").asText() + "&amp;post_logout_redirect_uri="
                        + Urls.encode(self + "/") + "\">Sign out</a> | <a href=\"/\">Home</a></p>");
            } catch (AssertionError | RuntimeException e) {
                html(exchange, "<p>The code exchange failed: " + escape(e.getMessage()) + "</p><p><a href=\"/\">Home</a></p>");
            }
            return;
        }
        StringBuilder sb = new StringBuilder("<h1>Customer portal (Einlass demo app)</h1><ul>");
        CLIENTS.forEach((id, label) -> sb.append("<li><a href=\"/login?client=").append(id).append("\">Sign in: ")
                .append(escape(label)).append("</a> (").append(id).append(")</li>"));
        sb.append("</ul><p>Demo users: anna@portal.example / Demo-Anna-2026!, ben@portal.example / Demo-Ben-2026!, "
                + "clara@portal.example (email link only). Mails: <a href=\"http://localhost:8025/\">mail catcher</a>.</p>");
        html(exchange, sb.toString());
    }

    private static String row(String key, String value) {
        return "<tr><th align=\"left\">" + escape(key) + "</th><td>" + escape(value) + "</td></tr>";
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void html(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Portal demo</title></head><body>"
                + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
