package io.einlass.keycloak.authenticators.password;

import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Alternatives;
import io.einlass.keycloak.authenticators.flow.FirstFactor;
import io.einlass.keycloak.authenticators.flow.Identification;
import io.einlass.keycloak.authenticators.flow.Levels;
import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import io.einlass.keycloak.core.events.EinlassEvents;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The password step after {@code einlass-identify}. Unknown addresses, users without a password and locked users
 * get the same page, the same "wrong email or password" answer and the same hashing work as a wrong password.
 */
final class PasswordAuthenticator implements UserlessAuthenticator {

    static final String FIELD = "password";
    static final String TEMPLATE = "einlass-password.ftl";
    static final String INVALID = "einlass.password.invalid";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (Identification.of(context).isEmpty()) {
            context.failure(AuthenticationFlowError.INTERNAL_ERROR,
                    context.form().setError("einlass.flow.identify-missing").createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            return;
        }
        if (FirstFactor.established(context).isPresent()) {
            // the first factor was established before this step (a confirmed link): let the link step finish it
            context.attempted();
            return;
        }
        Alternatives.stickToCurrent(context);
        context.challenge(form(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (Alternatives.switchIfRequested(context)) {
            return;
        }
        Optional<Identification> identification = Identification.of(context);
        if (identification.isEmpty()) {
            authenticate(context);
            return;
        }
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        String password = formData.getFirst(FIELD);
        context.getEvent().detail(Details.USERNAME, identification.get().forEvents(context.getRealm()))
                .detail(EinlassEvents.AUTH_METHOD, PasswordAuthenticatorFactory.ID);
        if (password == null || password.isEmpty()) {
            context.challenge(form(context, new FormMessage(FIELD, "einlass.password.missing")));
            return;
        }
        UserModel user = identification.get().user();
        if (user == null) {
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failureChallenge(AuthenticationFlowError.INVALID_USER, form(context, new FormMessage(FIELD, INVALID)));
            return;
        }
        context.getEvent().user(user);
        if (UserlessAuthenticator.lockedOut(context, user)) {
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().error(Errors.USER_TEMPORARILY_DISABLED);
            context.forceChallenge(form(context, new FormMessage(FIELD, INVALID)));
            return;
        }
        boolean valid;
        if (user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE)) {
            valid = user.credentialManager().isValid(UserCredentialModel.password(password));
        } else {
            AuthenticatorUtils.dummyHash(context);
            valid = false;
        }
        if (!valid) {
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, new FormMessage(FIELD, INVALID)));
            return;
        }
        Levels.reached(context, Levels.FIRST_FACTOR);
        context.success(PasswordCredentialModel.TYPE);
    }


    private static Response form(AuthenticationFlowContext context, FormMessage error) {
        var form = context.form().setAttribute("einlassAlternatives", Alternatives.others(context));
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
