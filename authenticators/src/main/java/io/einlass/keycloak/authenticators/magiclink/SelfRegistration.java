package io.einlass.keycloak.authenticators.magiclink;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.ratelimit.RateLimiter;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Self-registration by link: in a sign-in, an address without any account (not even a disabled one) gets a link that
 * creates the account, and only the confirmation does: typing an address never creates anything. The account gets
 * the address as username and verified email (the confirmation proved the mailbox) and the profile page
 * ({@code UPDATE_PROFILE}) as its first required action, so the user profile's fields are asked next.
 */
final class SelfRegistration {

    private static final String RESERVATION = "einlass.register.";
    private static final long RESERVATION_SECONDS = 60;

    /** Value of Keycloak's {@code register_method} detail on the {@code REGISTER} event. */
    static final String METHOD = MagicLinkAuthenticatorFactory.ID;

    private SelfRegistration() {
    }

    /** Whether this sign-in step may create accounts: the realm allows registration and the step's option is on. */
    static boolean open(RealmModel realm, MagicLinkConfig config) {
        return realm.isRegistrationAllowed() && config.selfRegistration();
    }

    /** Code tries that would create the account of one address, per day, however many links it got. */
    static final int CODE_TRIES_PER_DAY = 10;

    /**
     * True when any account (enabled or not) has this canonical address as username or as email (both are looked
     * up, whatever the realm's "Login with email" says). Used only after a confirmation, where time tells nothing.
     */
    static boolean accountExists(KeycloakSession session, RealmModel realm, String canonical) {
        try {
            return session.users().getUserByEmail(realm, canonical) != null
                    || session.users().getUserByUsername(realm, canonical) != null;
        } catch (ModelDuplicateException e) {
            return true;
        }
    }

    /** Takes one of the day's {@link #CODE_TRIES_PER_DAY} code tries for creating the account of {@code canonical}. */
    static boolean takeCodeTry(KeycloakSession session, RealmModel realm, String canonical) {
        return new RateLimiter(session).tryAcquire("ml-reg-code", realm.getId(), canonical, CODE_TRIES_PER_DAY, Duration.ofDays(1));
    }

    /**
     * Creates the account of {@code canonical} after its link or code was confirmed; empty when registration was
     * closed meanwhile or an account of that address exists by now (another link, an admin).
     */
    static Optional<UserModel> create(AuthenticationFlowContext context, MagicLinkConfig config, String canonical) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        if (!open(realm, config) || CanonicalEmail.of(canonical).filter(canonical::equals).isEmpty()
                || accountExists(session, realm, canonical) || !profileAccepts(session, canonical)) {
            return Optional.empty();
        }
        // one creation per address in the whole cluster, also when two confirmations (tabs, nodes) race
        if (!session.singleUseObjects().putIfAbsent(RESERVATION + SecureCodes.hash(realm.getId() + "|" + canonical), RESERVATION_SECONDS)) {
            return Optional.empty();
        }
        UserModel user;
        try {
            user = session.users().addUser(realm, canonical);
        } catch (ModelDuplicateException e) {
            return Optional.empty();
        }
        user.setEnabled(true);
        user.setEmail(canonical);
        user.setEmailVerified(true);
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PROFILE);
        context.getEvent().clone().event(EventType.REGISTER).user(user)
                .detail(Details.USERNAME, canonical)
                .detail(Details.EMAIL, canonical)
                .detail(Details.REGISTER_METHOD, METHOD)
                .detail(EinlassEvents.ACTION, Action.ACCOUNT_REGISTERED.value())
                .success();
        return Optional.of(user);
    }

    /**
     * Whether the realm's user profile, as for a registration, accepts the address as username and email: its
     * validators (prohibited characters, homographs, the email format and any pattern the admin added) decide.
     * Fields the profile page asks next (names) are not there yet and do not count.
     */
    private static boolean profileAccepts(KeycloakSession session, String canonical) {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        if (profiles == null) {
            return true;
        }
        try {
            profiles.create(UserProfileContext.REGISTRATION, Map.of(UserModel.USERNAME, canonical, UserModel.EMAIL, canonical)).validate();
            return true;
        } catch (ValidationException e) {
            return e.getErrors().stream().noneMatch(error -> UserModel.USERNAME.equals(error.getAttribute())
                    || UserModel.EMAIL.equals(error.getAttribute()));
        }
    }
}
