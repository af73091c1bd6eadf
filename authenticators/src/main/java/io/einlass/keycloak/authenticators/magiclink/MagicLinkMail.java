package io.einlass.keycloak.authenticators.magiclink;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.einlass.keycloak.core.events.AddressDigest;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.mail.MailDispatcher;
import io.einlass.keycloak.core.mail.MailRenderer;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.UserTime;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The mail of a link (sign-in or password reset): button and plain link, the code, how long both work and until
 * when, which browser asked and when, and "ignore this mail if it was not you". Rendered for every request (so
 * unknown addresses cost the same time); sent only to real users, off the request thread, with retries.
 */
final class MagicLinkMail {

    private MagicLinkMail() {
    }

    /**
     * What goes into one mail. {@code code} may be null (codes disabled); {@code recoveryFor} is the masked account
     * address when the mail goes to the account's recovery address, else null.
     */
    record Content(LinkPurpose purpose, String address, String link, String code, Duration validity, Instant issuedAt,
                   Instant expiresAt, BrowserDescription browser, ClientModel client, String recoveryFor) {
    }

    static RenderedMail render(KeycloakSession session, RealmModel realm, UserModel userOrNull, Content content) {
        MailRenderer renderer = new MailRenderer(session);
        Locale locale = renderer.localeFor(userOrNull);
        UserTime time = UserTime.of(realm, userOrNull, locale);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", content.link());
        attributes.put("code", content.code());
        attributes.put("validMinutes", content.validity().toMinutes());
        attributes.put("validUntil", time.time(content.expiresAt()));
        attributes.put("requestedAt", time.dateTime(content.issuedAt()));
        attributes.put("browser", content.browser().browser());
        attributes.put("os", content.browser().os());
        attributes.put("browserKnown", content.browser().isKnown());
        attributes.put("appName", appName(content.client()));
        attributes.put("address", content.address());
        attributes.put("recoveryFor", content.recoveryFor() == null ? "" : content.recoveryFor());
        attributes.put("firstName", userOrNull != null && userOrNull.getFirstName() != null ? userOrNull.getFirstName() : "");
        return renderer.render(realm, locale, content.purpose().subjectKey(), List.of(realmName(realm)),
                content.purpose().mailTemplate(), attributes);
    }

    /**
     * Sends {@code mail} to {@code address} (the account's address or its recovery address) after commit, with three
     * attempts; when all failed, a {@code purpose.sendEvent()} error event (reason {@code delivery_failed}) records
     * it for the user, so an admin sees why no mail came. The page the person sees is the same either way.
     */
    /** For an address that gets no mail (no account, locked, no email): the same work as {@link #send}, to no one. */
    static void rehearse(KeycloakSession session, RealmModel realm, String address, RenderedMail mail) {
        new MailDispatcher(session).rehearseAfterCommit(realm, address, mail);
    }

    static void send(KeycloakSession session, RealmModel realm, LinkPurpose purpose, Action action, UserModel user,
                     String address, RenderedMail mail) {
        // no user: the mail creates an account for this address (self-registration)
        String userId = user == null ? null : user.getId();
        String email = user == null ? AddressDigest.of(realm.getId(), address) : user.getEmail();
        String recovery = user == null || address.equalsIgnoreCase(email) ? null : CanonicalEmail.mask(address);
        ClientConnection connection = session.getContext().getConnection();
        String ip = connection == null ? null : connection.getRemoteAddr();
        new MailDispatcher(session).sendAfterCommit(realm, address, mail, MailDispatcher.Delivery.retried((s, r, reason) -> {
            EventBuilder event = new EventBuilder(r, s).event(purpose.sendEvent()).ipAddress(ip)
                    .detail(Details.EMAIL, email)
                    .detail(EinlassEvents.ACTION, action.value())
                    .detail(EinlassEvents.REASON, Reason.DELIVERY_FAILED.value());
            if (userId != null) {
                event.user(userId);
            }
            if (recovery != null) {
                event.detail(EinlassEvents.RECOVERY_EMAIL, recovery);
            }
            event.error(Reason.DELIVERY_FAILED.value());
        }));
    }

    static String appName(ClientModel client) {
        if (client == null) {
            return "";
        }
        String name = client.getName();
        return name == null || name.isBlank() || name.startsWith("${") ? client.getClientId() : name;
    }

    static String realmName(RealmModel realm) {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName();
    }
}
