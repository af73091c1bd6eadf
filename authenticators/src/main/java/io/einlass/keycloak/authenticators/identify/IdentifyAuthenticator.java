package io.einlass.keycloak.authenticators.identify;

import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import io.einlass.keycloak.authenticators.magiclink.MagicLinkGrants;
import io.einlass.keycloak.core.email.CanonicalEmail;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Email-first identification that does not reveal which accounts exist. Known, unknown, disabled and service
 * accounts all get the same answer; unknown ones continue as a "ghost" that the next steps treat alike.
 */
final class IdentifyAuthenticator implements UserlessAuthenticator {

    static final String FIELD = "email";
    static final String TEMPLATE = "einlass-identify.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel preset = context.getUser();
        if (preset != null) {
            // re-authentication or a previous step already knows the user
            String email = preset.getEmail() != null ? preset.getEmail() : preset.getUsername();
            Identification.record(context, email, CanonicalEmail.of(email).orElse(email), preset);
            context.success();
            return;
        }
        Optional<UserModel> granted = MagicLinkGrants.redeem(context);
        if (granted.isPresent()) {
            UserModel user = granted.get();
            Identification.record(context, user.getEmail(), CanonicalEmail.of(user.getEmail()).orElse(user.getEmail()), user);
            context.success();
            return;
        }
        MultivaluedMap<String, String> formData = new MultivaluedHashMap<>();
        String hint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (hint != null && !hint.isBlank() && CanonicalEmail.of(hint).isPresent()) {
            formData.add(FIELD, hint.strip());
        }
        context.challenge(form(context, formData, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        String typed = Optional.ofNullable(formData.getFirst(FIELD)).map(String::strip).orElse("");
        if (typed.isEmpty()) {
            context.getEvent().error("einlass_email_missing");
            context.failureChallenge(AuthenticationFlowError.INVALID_USER,
                    form(context, formData, new FormMessage(FIELD, "einlass.identify.missing")));
            return;
        }
        Optional<String> canonical = CanonicalEmail.of(typed);
        if (canonical.isEmpty()) {
            context.getEvent().error("einlass_email_invalid");
            context.failureChallenge(AuthenticationFlowError.INVALID_USER,
                    form(context, formData, new FormMessage(FIELD, "einlass.identify.invalid")));
            return;
        }
        UserModel user = usableUser(context.getSession(), context.getRealm(), canonical.get());
        context.getEvent().detail(Details.USERNAME, typed);
        Identification.record(context, typed, canonical.get(), user);
        context.success();
    }

    /** The enabled, human user with this address, or null (unknown, ambiguous, disabled, service account). */
    static UserModel usableUser(KeycloakSession session, RealmModel realm, String canonical) {
        UserModel user;
        try {
            user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, canonical);
        } catch (ModelDuplicateException e) {
            return null;
        }
        if (user != null) {
            // An unknown address misses Keycloak's user cache twice (by username, then by email) and goes to the
            // database; a known one is often served from the cache. Do the same two database look-ups for known
            // addresses, so the answer takes as long either way.
            String miss = "einlass-timing-" + io.einlass.keycloak.core.crypto.SecureCodes.token(16);
            session.users().getUserByUsername(realm, miss);
            session.users().getUserByEmail(realm, miss + "@invalid");
        }
        if (user == null || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            return null;
        }
        return user;
    }

    private static Response form(AuthenticationFlowContext context, MultivaluedMap<String, String> formData, FormMessage error) {
        String value = formData.getFirst(FIELD);
        var form = context.form().setFormData(formData)
                .setAttribute("einlassEmailValue", value == null ? "" : value.strip());
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
