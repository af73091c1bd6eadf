package io.einlass.keycloak.requiredactions.recoveryemail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.einlass.keycloak.core.mail.MailRenderer;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.web.UserTime;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The confirmation mail to a new recovery address: one button, the plain link, its validity, "not you?". */
final class RecoveryEmailMail {

    static final String TEMPLATE = "einlass-recovery-email-confirm.ftl";
    static final String SUBJECT = "einlass.recovery-email.mail.subject";

    private RecoveryEmailMail() {
    }

    static RenderedMail confirmation(KeycloakSession session, RealmModel realm, UserModel user, String address,
                                     RecoveryEmailLinks.Issued issued) {
        MailRenderer renderer = new MailRenderer(session);
        Locale locale = renderer.localeFor(user);
        UserTime time = UserTime.of(realm, user, locale);
        Duration validity = Duration.ofSeconds(issued.pending().expiresAt() - issued.pending().issuedAt());
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", RecoveryEmailLinks.url(session, realm, issued.secret()));
        attributes.put("validHours", validity.toHours());
        attributes.put("validMinutes", validity.toMinutes());
        attributes.put("validUntil", time.dateTime(Instant.ofEpochSecond(issued.pending().expiresAt())));
        attributes.put("address", address);
        attributes.put("loginEmail", user.getEmail() == null ? "" : user.getEmail());
        attributes.put("firstName", user.getFirstName() == null ? "" : user.getFirstName());
        return renderer.render(realm, locale, SUBJECT, List.of(realmName(realm)), TEMPLATE, attributes);
    }

    static String realmName(RealmModel realm) {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName();
    }
}
