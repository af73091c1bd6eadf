package io.einlass.keycloak.core.accountpage;

import java.time.Instant;
import java.util.Locale;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/** What a section may use while the page is built or a button is handled: the signed-in user and the page's language. */
public interface AccountPage {

    KeycloakSession session();

    RealmModel realm();

    UserModel user();

    /** The SSO session the page runs in (Keycloak's identity cookie). */
    UserSessionModel userSession();

    Locale locale();

    /** The theme message {@code key} in the page's language, with {@code arguments} (MessageFormat). */
    String text(String key, Object... arguments);

    /** Date and time in the user's time zone and the page's language. */
    String dateTime(Instant instant);

    /** Date in the user's time zone and the page's language. */
    String date(Instant instant);
}
