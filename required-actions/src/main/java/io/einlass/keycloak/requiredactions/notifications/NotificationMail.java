package io.einlass.keycloak.requiredactions.notifications;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.einlass.keycloak.core.mail.MailRenderer;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.EinlassUrls;
import io.einlass.keycloak.core.web.UserTime;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One security notification: what happened, when (in the user's time zone), from which IP and browser, and what to
 * do if it was not them: a link to sign in and review the security settings (it changes nothing by itself). No
 * secret, no link that acts without signing in.
 */
final class NotificationMail {

    static final String TEMPLATE = "einlass-notification.ftl";

    private NotificationMail() {
    }

    static RenderedMail render(KeycloakSession session, RealmModel realm, UserModel user, Notification notification,
                               Instant when, String ip, BrowserDescription browser) {
        MailRenderer renderer = new MailRenderer(session);
        Locale locale = renderer.localeFor(user);
        UserTime time = UserTime.of(realm, user, locale);
        String prefix = "einlass.notification." + notification.key();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("textKey", prefix + ".text");
        attributes.put("headingKey", prefix + ".subject");
        attributes.put("when", time.dateTime(when));
        attributes.put("ip", ip == null || ip.isBlank() ? "?" : ip);
        attributes.put("browser", browser.browser());
        attributes.put("os", browser.os());
        attributes.put("browserKnown", browser.isKnown());
        attributes.put("securityUrl", EinlassUrls.securityPage(session, realm).toString());
        attributes.put("firstName", user.getFirstName() == null ? "" : user.getFirstName());
        attributes.put("account", user.getEmail() == null ? user.getUsername() : user.getEmail());
        String realmName = realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName();
        return renderer.render(realm, locale, prefix + ".subject", List.of(realmName), TEMPLATE, attributes);
    }
}
