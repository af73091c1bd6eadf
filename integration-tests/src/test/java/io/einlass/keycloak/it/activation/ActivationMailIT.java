package io.einlass.keycloak.it.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Seeds 000 and 004: an administrator's "Send email" is an invitation ("Activate your account") only for an
 * account without any credential; an account in use gets "Please update your account" and no "activate" wording.
 * The mail comes from a no-reply sender and never asks to reply.
 */
@EinlassTest
class ActivationMailIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final AdminClient admin;
    private final Mailbox mailbox;
    private final TestUsers users;

    ActivationMailIT(EinlassEnvironment env) {
        this.admin = env.admin();
        this.mailbox = env.mailbox();
        this.users = new TestUsers(admin, REALM);
    }

    private Mail sendActions(String userId, String email) {
        admin.call("PUT", "/realms/" + REALM + "/users/" + userId + "/execute-actions-email", List.of("UPDATE_PASSWORD"));
        return mailbox.next(email);
    }

    @Test
    void anAccountWithoutCredentialsIsInvitedToActivateIt() {
        String email = TestUsers.uniqueEmail("invited");
        String id = admin.createUser(REALM, email, null, Map.of());
        Mail mail = sendActions(id, email);
        assertThat(mail.subject()).isEqualTo("Activate your account");
        assertThat(mail.text()).contains("An account at Customer Portal has been set up for you.").contains("Activate account");
        assertThat(mail.text()).doesNotContainIgnoringCase("reply or");
    }

    @Test
    void anAccountInUseIsAskedToUpdateItNotToActivateIt() {
        TestUser user = users.withPassword("in-use");
        Mail mail = sendActions(user.id(), user.email());
        assertThat(mail.subject()).isEqualTo("Please update your account");
        assertThat(mail.text()).contains("asks you to update your account").contains("Update account");
        assertThat(mail.text() + mail.htmlText()).doesNotContainIgnoringCase("activate");
        assertThat(mail.htmlText()).contains("This address does not receive replies").doesNotContain("Simply reply");
    }

    @Test
    void germanAccountsInUseGetTheGermanUpdateWording() {
        String email = TestUsers.uniqueEmail("in-use-de");
        String id = admin.createUser(REALM, email, "Pw-" + java.util.UUID.randomUUID(), Map.of("locale", List.of("de")));
        Mail mail = sendActions(id, email);
        assertThat(mail.subject()).isEqualTo("Bitte aktualisieren Sie Ihr Konto");
        assertThat(mail.text()).doesNotContain("aktivieren");
    }
}
