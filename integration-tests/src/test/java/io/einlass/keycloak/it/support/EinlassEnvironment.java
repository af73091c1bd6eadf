package io.einlass.keycloak.it.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a behaviour test talks to: the real Keycloak with the bundle and the realm, the real SMTP server,
 * the SMS gateway stub and an admin. Started once per test JVM; stopped (with every child process) at the end,
 * also when tests fail.
 */
public final class EinlassEnvironment implements AutoCloseable {

    public static final String REALM = RealmFiles.REALM;
    public static final String APP_CLIENT = "portal-app";

    private final Mailbox mailbox;
    private final SmsGatewayStub sms;
    private final AppStub app;
    private final KeycloakServer server;
    private final AdminClient admin;

    private EinlassEnvironment(Mailbox mailbox, SmsGatewayStub sms, AppStub app, KeycloakServer server) {
        this.mailbox = mailbox;
        this.sms = sms;
        this.app = app;
        this.server = server;
        this.admin = new AdminClient(server.baseUrl());
    }

    /** Backend from {@code -Deinlass.it.backend}: {@code distribution} (default) or {@code testcontainers}. */
    public static String backend() {
        return System.getProperty("einlass.it.backend", "distribution");
    }

    public static EinlassEnvironment start() {
        Mailbox mailbox = Mailbox.start(Ports.free());
        SmsGatewayStub sms = SmsGatewayStub.start(Ports.free());
        AppStub app = AppStub.start(Ports.free());
        try {
            int port = Ports.configuredOrFree("einlass.it.port");
            Map<String, String> env = serverEnvironment(mailbox, port);
            env.put("EINLASS_APP_URL", app.url());
            KeycloakServer server;
            if ("testcontainers".equals(backend())) {
                server = ContainerServer.start(System.getProperty("einlass.keycloak.version", "26.7.5"),
                        Path.of(System.getProperty("einlass.bundle.jar")), RealmFiles.realmDir(), true, env,
                        mailbox.port(), Integer.parseInt(sms.url().substring(sms.url().lastIndexOf(':') + 1)));
            } else {
                Path home = RealmFiles.keycloakHome();
                RealmFiles.install(home, RealmFiles.realmDir(), true);
                server = DistributionServer.start(home, port, "start-dev", env, serverArguments(sms), REALM,
                        Path.of("target", "keycloak-it.log").toAbsolutePath());
            }
            return new EinlassEnvironment(mailbox, sms, app, server);
        } catch (RuntimeException e) {
            app.close();
            sms.close();
            mailbox.close();
            throw e;
        }
    }

    static Map<String, String> serverEnvironment(Mailbox mailbox, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EINLASS_SMTP_HOST", "127.0.0.1");
        env.put("EINLASS_SMTP_PORT", String.valueOf(mailbox.port()));
        env.put("EINLASS_PUBLIC_URL", "http://localhost:" + port);
        return env;
    }

    static List<String> serverArguments(SmsGatewayStub sms) {
        List<String> args = new ArrayList<>();
        args.add("--log-level=INFO");
        // as behind a reverse proxy: tests give each browser its own client address (X-Forwarded-For)
        args.add("--proxy-headers=xforwarded");
        // the SMS gateway: Einlass' generic http provider, pointed at the gateway stub
        args.add("--spi-einlass-sms--provider=http");
        args.add("--spi-einlass-sms--http--url=" + sms.url() + "/messages");
        args.add("--spi-einlass-sms--http--authorization=" + SmsGatewayStub.AUTHORIZATION);
        args.add("--spi-einlass-sms--http--timeout-seconds=2");
        return args;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String realmUrl() {
        return server.baseUrl() + "/realms/" + REALM;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public SmsGatewayStub sms() {
        return sms;
    }

    public AdminClient admin() {
        return admin;
    }

    public KeycloakServer server() {
        return server;
    }

    /** A new, empty browser profile (another device). */
    public Browser browser() {
        return new Browser(server.baseUrl());
    }

    public Browser browser(String userAgent) {
        return new Browser(server.baseUrl(), userAgent);
    }

    /** Base URL of the portal app (the stub), e.g. {@code http://localhost:18321}. */
    public String appUrl() {
        return app.url();
    }

    /** Where the app receives the authorization code. */
    public String appRedirect() {
        return app.url() + "/callback";
    }

    /** The customer portal app (public client, PKCE). */
    public OidcApp portalApp() {
        return new OidcApp(server.baseUrl(), REALM, APP_CLIENT, appRedirect());
    }

    public OidcApp app(String clientId) {
        return new OidcApp(server.baseUrl(), REALM, clientId, appRedirect());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            app.close();
            sms.close();
            mailbox.close();
        }
    }
}
