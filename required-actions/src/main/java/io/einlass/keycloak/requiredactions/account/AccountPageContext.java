package io.einlass.keycloak.requiredactions.account;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;

import io.einlass.keycloak.core.accountpage.AccountPage;
import io.einlass.keycloak.core.web.UserTime;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.theme.Theme;

/** The {@link AccountPage} of one request: the signed-in user, the page language and its messages. */
final class AccountPageContext implements AccountPage {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserSessionModel userSession;
    private final Locale locale;
    private final UserTime time;
    private Properties messages;

    AccountPageContext(KeycloakSession session, RealmModel realm, UserSessionModel userSession, Locale locale) {
        this.session = session;
        this.realm = realm;
        this.userSession = userSession;
        this.locale = locale;
        this.time = UserTime.of(realm, userSession.getUser(), locale);
    }

    @Override
    public KeycloakSession session() {
        return session;
    }

    @Override
    public RealmModel realm() {
        return realm;
    }

    @Override
    public UserModel user() {
        return userSession.getUser();
    }

    @Override
    public UserSessionModel userSession() {
        return userSession;
    }

    @Override
    public Locale locale() {
        return locale;
    }

    @Override
    public String text(String key, Object... arguments) {
        String pattern = messages().getProperty(key, key);
        // always a MessageFormat pattern, as in Keycloak's templates (apostrophes are doubled in the messages)
        return new MessageFormat(pattern, locale).format(arguments);
    }

    /** Whether the theme has the message {@code key}. */
    boolean has(String key) {
        return messages().containsKey(key);
    }

    @Override
    public String dateTime(Instant instant) {
        return time.dateTime(instant);
    }

    @Override
    public String date(Instant instant) {
        return time.date(instant);
    }

    private Properties messages() {
        if (messages == null) {
            try {
                messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
            } catch (IOException e) {
                messages = new Properties();
            }
        }
        return messages;
    }
}
