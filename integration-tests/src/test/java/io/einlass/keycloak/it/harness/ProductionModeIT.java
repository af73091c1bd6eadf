package io.einlass.keycloak.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.DistributionServer;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.Ports;
import io.einlass.keycloak.it.support.RealmFiles;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator who imported the realm without {@code EINLASS_PUBLIC_URL}: Keycloak in production mode
 * ({@code kc.sh start}, a copy of the distribution under test with the bundle) whose realm's frontend URL is
 * {@code http://localhost:<port>}. The sign-in itself works; Einlass logs an ERROR at start-up and sends no link
 * that could only open on the reader's own computer.
 */
class ProductionModeIT {

    private static Mailbox mailbox;
    private static DistributionServer server;
    private static Path log;

    @BeforeAll
    static void start() throws IOException {
        Path tested = RealmFiles.keycloakHome();
        Path home = tested.resolveSibling(tested.getFileName() + "-production");
        DistributionServer.copyHome(tested, home);
        RealmFiles.install(home, RealmFiles.realmDir(), true);
        mailbox = Mailbox.start(Ports.free());
        int port = Ports.free();
        log = home.resolveSibling("keycloak-production-it.log");
        server = DistributionServer.start(home, port, "start", Map.of(
                        "EINLASS_SMTP_HOST", "127.0.0.1",
                        "EINLASS_SMTP_PORT", String.valueOf(mailbox.port()),
                        "EINLASS_PUBLIC_URL", "http://localhost:" + port,
                        "EINLASS_APP_URL", "http://127.0.0.1:9"),
                List.of("--http-enabled=true", "--hostname=http://localhost:" + port, "--cache=local"),
                RealmFiles.REALM, log);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    void aPasswordSignInWorksInProductionMode() {
        OidcApp app = new OidcApp(server.baseUrl(), RealmFiles.REALM, "portal-app", "http://127.0.0.1:9/callback");
        OidcApp.Login login = app.login();
        Page password = SignIn.enterEmail(SignIn.start(new Browser(server.baseUrl()), login), "ben@portal.example");
        Tokens tokens = login.complete(SignIn.enterPassword(password, "Demo-Ben-2026!"));
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo("ben@portal.example");
    }

    @Test
    void noLinkIsMailedToALoopbackPublicUrlAndTheLogSaysWhy() throws Exception {
        assertThat(awaitLog("Einlass sends no mail for realm 'portal': its Frontend URL http://localhost:"))
                .as("the start-up check").isTrue();
        OidcApp app = new OidcApp(server.baseUrl(), RealmFiles.REALM, "portal-passwordless", "http://127.0.0.1:9/callback");
        Page waiting = SignIn.requestLink(new Browser(server.baseUrl()), app.login(), "clara@portal.example");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.element("#kc-page-title").text()).as("the page does not change").isEqualTo("Check your inbox");
        assertThat(mailbox.next("clara@portal.example", Duration.ofSeconds(5))).as("no mail").isEmpty();
        assertThat(awaitLog("Einlass sends no mail for realm 'portal': its public URL http://localhost:"))
                .as("the ERROR at the dropped mail").isTrue();
        assertThat(Files.readString(log)).contains("ERROR");
    }

    private static boolean awaitLog(String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
