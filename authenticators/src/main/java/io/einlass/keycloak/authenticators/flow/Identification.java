package io.einlass.keycloak.authenticators.flow;

import java.util.Optional;

import io.einlass.keycloak.core.events.AddressDigest;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Who the sign-in is for, as established by {@code einlass-identify}: the address as typed, and either the user
 * (set in the flow context) or a "ghost" for an address that matches no usable account. Later steps treat a
 * ghost exactly like a user, with the same pages, answers and work, so nobody can tell which addresses exist.
 *
 * @param typed     the address as the person typed it (shown back to them)
 * @param canonical the canonical address (for rate limits)
 * @param user      the user, or null for a ghost
 */
public record Identification(String typed, String canonical, UserModel user) {

    static final String NOTE_TYPED = "einlass.identify.typed";
    static final String NOTE_CANONICAL = "einlass.identify.canonical";
    static final String NOTE_USER = "einlass.identify.user";
    /** "true" when no account at all (not even a disabled one) has the typed address. */
    static final String NOTE_NO_ACCOUNT = "einlass.identify.no-account";

    public boolean ghost() {
        return user == null;
    }

    /**
     * What events record of the typed address: the address for an account, a digest for a ghost (no readable
     * address of somebody without a usable account in the event store).
     */
    public String forEvents(RealmModel realm) {
        return user != null ? typed : AddressDigest.of(realm.getId(), canonical);
    }

    /** Records the identification in the auth session (same notes for users and ghosts). */
    public static void record(AuthenticationFlowContext context, String typed, String canonical, UserModel user) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // Pin the page language before a user is known: Keycloak would otherwise switch to the user's profile
        // language, and a page that changes language would tell an observer that the address has an account.
        PinnedLocale.pin(context);
        authSession.setAuthNote(NOTE_TYPED, typed);
        authSession.setAuthNote(NOTE_CANONICAL, canonical);
        authSession.setAuthNote(NOTE_USER, user == null ? "" : user.getId());
        authSession.removeAuthNote(NOTE_NO_ACCOUNT);
        // Keycloak's own notes: pages show the typed address with a "restart" link, for users and ghosts alike
        authSession.setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, typed);
        authSession.setAuthNote(AbstractUsernameFormAuthenticator.USERNAME_HIDDEN, Boolean.TRUE.toString());
        if (user != null) {
            context.setUser(user);
        }
    }

    /**
     * Records, after {@link #record}, that no account at all has the typed address (known from the email step's one
     * look-up, so later steps need no second one that would take longer for unknown addresses).
     */
    public static void recordNoAccount(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(NOTE_NO_ACCOUNT, Boolean.TRUE.toString());
    }

    /** True when the email step found no account at all for the typed address (see {@link #recordNoAccount}). */
    public static boolean noAccount(AuthenticationFlowContext context) {
        return Boolean.parseBoolean(context.getAuthenticationSession().getAuthNote(NOTE_NO_ACCOUNT));
    }

    /**
     * The identification of this sign-in: from {@code einlass-identify}'s notes, or from a user another step
     * (e.g. Keycloak's username form, or a re-authentication) already set.
     */
    public static Optional<Identification> of(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String typed = authSession.getAuthNote(NOTE_TYPED);
        UserModel user = context.getUser();
        if (typed != null) {
            String noteUser = authSession.getAuthNote(NOTE_USER);
            if (user != null && !user.getId().equals(noteUser)) {
                // a later step replaced the user: the notes no longer describe this sign-in
                return Optional.of(new Identification(user.getEmail(), user.getEmail(), user));
            }
            return Optional.of(new Identification(typed, authSession.getAuthNote(NOTE_CANONICAL), user));
        }
        if (user != null) {
            String email = user.getEmail() != null ? user.getEmail() : user.getUsername();
            return Optional.of(new Identification(email, email, user));
        }
        return Optional.empty();
    }
}
