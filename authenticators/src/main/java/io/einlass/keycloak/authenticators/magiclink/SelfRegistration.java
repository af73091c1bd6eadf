package io.einlass.keycloak.authenticators.magiclink;

import java.util.Optional;

import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Self-registration by link: in a sign-in, an address without any account (not even a disabled one) gets a link that
 * creates the account, and only the confirmation does: typing an address never creates anything. The account gets
 * the address as username and verified email (the confirmation proved the mailbox) and the profile page
 * ({@code UPDATE_PROFILE}) as its first required action, so the user profile's fields are asked next.
 */
final class SelfRegistration {

    /** Value of Keycloak's {@code register_method} detail on the {@code REGISTER} event. */
    static final String METHOD = MagicLinkAuthenticatorFactory.ID;

    private SelfRegistration() {
    }

    /** Whether this sign-in step may create accounts: the realm allows registration and the step's option is on. */
    static boolean open(RealmModel realm, MagicLinkConfig config) {
        return realm.isRegistrationAllowed() && config.selfRegistration();
    }

    /** True when any account (enabled or not) has this canonical address as username or email. */
    static boolean accountExists(KeycloakSession session, RealmModel realm, String canonical) {
        try {
            return KeycloakModelUtils.findUserByNameOrEmail(session, realm, canonical) != null;
        } catch (ModelDuplicateException e) {
            return true;
        }
    }

    /**
     * Creates the account of {@code canonical} after its link or code was confirmed; empty when registration was
     * closed meanwhile or an account of that address exists by now (another link, an admin).
     */
    static Optional<UserModel> create(AuthenticationFlowContext context, MagicLinkConfig config, String canonical) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        if (!open(realm, config) || CanonicalEmail.of(canonical).filter(canonical::equals).isEmpty()
                || accountExists(session, realm, canonical)) {
            return Optional.empty();
        }
        UserModel user = session.users().addUser(realm, canonical);
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
}
