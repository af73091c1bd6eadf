package io.einlass.keycloak.authenticators.flow;

import java.util.Locale;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.locale.DefaultLocaleSelectorProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.locale.LocaleSelectorProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The page language of a sign-in, pinned at the email step so that it does not switch to the profile language of
 * the account behind the typed address (which would tell an observer that the address has an account).
 * <p>
 * Keycloak's own way to pin a language ({@code USER_REQUEST_LOCALE}) also writes it into the user's profile at the
 * end of the sign-in, which would change the language of all later mails. So the pin lives in an Einlass note,
 * read by the locale selector {@code einlass} (the realm's default selector while the bundle is installed), which
 * otherwise does exactly what Keycloak's {@code default} selector does. A language the person picks on the page
 * ({@code kc_locale}) still wins and is still stored in the profile, as in Keycloak.
 */
public final class PinnedLocale {

    /** Auth note: the pinned language tag. */
    public static final String NOTE = "einlass.locale.pinned";

    private PinnedLocale() {
    }

    /** Pins the language the page shows now, once per sign-in. */
    static void pin(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(NOTE) == null && authSession.getAuthNote(LocaleSelectorProvider.USER_REQUEST_LOCALE) == null) {
            authSession.setAuthNote(NOTE, context.getSession().getContext().resolveLocale(null).toLanguageTag());
        }
    }

    /** Keycloak's default selection, with the pinned language taking the place of the profile language. */
    static final class Selector implements LocaleSelectorProvider {

        private final KeycloakSession session;
        private final DefaultLocaleSelectorProvider keycloak;

        Selector(KeycloakSession session) {
            this.session = session;
            this.keycloak = new DefaultLocaleSelectorProvider(session);
        }

        @Override
        public Locale resolveLocale(RealmModel realm, UserModel user) {
            return resolveLocale(realm, user, false);
        }

        @Override
        public Locale resolveLocale(RealmModel realm, UserModel user, boolean ignoreAcceptLanguageHeader) {
            AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
            if (realm != null && realm.isInternationalizationEnabled() && authSession != null
                    && authSession.getAuthNote(LocaleSelectorProvider.USER_REQUEST_LOCALE) == null) {
                String pinned = authSession.getAuthNote(NOTE);
                if (pinned != null && realm.getSupportedLocalesStream().anyMatch(pinned::equals)) {
                    return Locale.forLanguageTag(pinned);
                }
            }
            return keycloak.resolveLocale(realm, user, ignoreAcceptLanguageHeader);
        }

        @Override
        public void close() {
        }
    }

    /** {@code einlass}: Keycloak's locale selector plus the pinned sign-in language (order 10: the default). */
    public static final class SelectorFactory implements LocaleSelectorProviderFactory, EinlassProviderFactory<LocaleSelectorProvider> {

        public static final String ID = "einlass";

        @Override
        public LocaleSelectorProvider create(KeycloakSession session) {
            return new Selector(session);
        }

        @Override
        public String getId() {
            return ID;
        }

        /** Higher than Keycloak's {@code default} (0), so it is chosen unless the server configures another one. */
        @Override
        public int order() {
            return 10;
        }
    }
}
