package io.einlass.keycloak.it.dev;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.einlass.keycloak.it.support.DistributionServer;
import io.einlass.keycloak.it.support.RealmFiles;

/**
 * README command 1: Keycloak 26.7.5 with the bundle, the portal realm and the demo users at
 * http://localhost:8080, a demo portal app at http://localhost:3000 that signs in with PKCE and shows the tokens'
 * claims, and a local mail catcher (web page and .eml files). Ctrl-C stops everything.
 * <p>
 * Environment: {@code EINLASS_HTTP_PORT} (8080), {@code EINLASS_APP_PORT} (3000), {@code EINLASS_MAIL_UI_PORT} (8025), {@code EINLASS_SMTP_PORT}
 * (1025, the catcher's port), or {@code EINLASS_SMTP_HOST} etc. to send through a real SMTP server instead.
 */
public final class DevServer {

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("EINLASS_HTTP_PORT", "8080"));
        int uiPort = Integer.parseInt(env("EINLASS_MAIL_UI_PORT", "8025"));
        boolean externalSmtp = System.getenv("EINLASS_SMTP_HOST") != null;
        Path home = RealmFiles.keycloakHome();
        Path mailDir = Path.of(env("EINLASS_MAIL_DIR", home.getParent().getParent().resolve("target/dev-mail").toString())).toAbsolutePath().normalize();

        MailCatcher catcher = null;
        Map<String, String> serverEnv = new LinkedHashMap<>();
        if (!externalSmtp) {
            int smtpPort = Integer.parseInt(env("EINLASS_SMTP_PORT", "1025"));
            catcher = MailCatcher.start(smtpPort, uiPort, mailDir);
            serverEnv.put("EINLASS_SMTP_HOST", "127.0.0.1");
            serverEnv.put("EINLASS_SMTP_PORT", String.valueOf(smtpPort));
        }
        serverEnv.putIfAbsent("EINLASS_PUBLIC_URL", env("EINLASS_PUBLIC_URL", "http://localhost:" + port));
        int appPort = Integer.parseInt(env("EINLASS_APP_PORT", "3000"));
        serverEnv.put("EINLASS_APP_URL", "http://localhost:" + appPort);

        RealmFiles.install(home, RealmFiles.realmDir(), true);
        System.out.println("Starting Keycloak " + System.getProperty("einlass.keycloak.version", "26.7.5") + " with Einlass (first start builds the server, about a minute) ...");
        long started = System.nanoTime();
        DistributionServer server = DistributionServer.start(home, port, "start-dev", serverEnv,
                // SMS codes are written to the server log (the log gateway refuses to run outside development mode)
                List.of("--log-level=INFO", "--spi-einlass-sms--provider=log"), RealmFiles.REALM,
                home.resolve("../dev-keycloak.log").normalize());
        MailCatcher finalCatcher = catcher;
        DemoApp app = DemoApp.start(appPort, "http://localhost:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Keycloak, the demo app and the mail catcher ...");
            app.close();
            server.close();
            if (finalCatcher != null) {
                finalCatcher.close();
            }
        }, "einlass-dev-stop"));

        String base = "http://localhost:" + port;
        System.out.printf("%n================================================================================%n");
        System.out.printf(" Einlass dev server is up (%d s)%n%n", (System.nanoTime() - started) / 1_000_000_000L);
        System.out.printf(" Portal demo app %s/  (sign in: password or emailed link, email only, ACME branding)%n", app.url());
        System.out.printf(" Admin console   %s/admin/  (user admin, password admin)%n", base);
        if (finalCatcher != null) {
            System.out.printf(" Mail catcher    http://localhost:%d/  (also as .eml files in %s)%n", uiPort, mailDir);
        } else {
            System.out.printf(" Mail            through %s:%s%n", System.getenv("EINLASS_SMTP_HOST"), env("EINLASS_SMTP_PORT", "25"));
        }
        System.out.printf(" Server log      %s%n", server.logLocation());
        System.out.printf(" SMS codes       in the server log, lines \"Einlass SMS (log gateway, not sent)\"%n%n");
        System.out.printf(" Demo users (realm portal):%n");
        System.out.printf("   anna@portal.example   password Demo-Anna-2026!   (German)%n");
        System.out.printf("   ben@portal.example    password Demo-Ben-2026!    (English)%n");
        System.out.printf("   clara@portal.example  no password: sign in by emailed link%n");
        System.out.printf("   greta@globex.example  password Demo-Greta-2026!  (organization Globex: its branding)%n");
        System.out.printf("   ivo@initech.example   password Demo-Ivo-2026!    (organization Initech: its branding)%n");
        System.out.printf("%n Press Ctrl-C to stop.%n================================================================================%n");
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
