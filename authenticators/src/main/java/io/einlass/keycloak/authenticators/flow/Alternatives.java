package io.einlass.keycloak.authenticators.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.CommonClientSessionModel.ExecutionStatus;

/**
 * Remembers which of several ALTERNATIVE sign-in steps the person chose, so a reload (or the redirect after a link
 * is confirmed in the same browser) returns to that step instead of the first alternative. Keycloak picks the first
 * unprocessed alternative; so the chosen step marks the alternatives before it as attempted, and switching to
 * another one re-opens it. The pages offer the other alternatives as buttons ({@code einlass-switch}).
 */
public final class Alternatives {

    /** Form field of the "use another way" buttons on Einlass pages. */
    public static final String SWITCH = "einlass-switch";

    private Alternatives() {
    }

    /** Makes the running step the one a reload returns to. */
    public static void stickToCurrent(AuthenticationFlowContext context) {
        List<AuthenticationExecutionModel> all = alternatives(context);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        for (AuthenticationExecutionModel alternative : all) {
            if (alternative.getId().equals(context.getExecution().getId())) {
                return;
            }
            if (authSession.getExecutionStatus().get(alternative.getId()) != ExecutionStatus.SUCCESS) {
                authSession.setExecutionStatus(alternative.getId(), ExecutionStatus.ATTEMPTED);
            }
        }
    }

    /**
     * Handles an {@code einlass-switch} request of the running step: re-opens the chosen sibling and lets the flow
     * continue there. Returns false (and does nothing) when the request names no sibling alternative.
     */
    public static boolean switchIfRequested(AuthenticationFlowContext context) {
        String target = context.getHttpRequest().getDecodedFormParameters().getFirst(SWITCH);
        if (target == null || target.equals(context.getExecution().getId())) {
            return false;
        }
        List<AuthenticationExecutionModel> all = alternatives(context);
        if (all.stream().noneMatch(a -> a.getId().equals(target))) {
            return false;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        for (AuthenticationExecutionModel alternative : all) {
            if (alternative.getId().equals(target)) {
                authSession.setExecutionStatus(alternative.getId(), ExecutionStatus.CHALLENGED);
                break;
            }
            authSession.setExecutionStatus(alternative.getId(), ExecutionStatus.ATTEMPTED);
        }
        // this step is done for now; the flow starts over at the first open alternative: the chosen one
        context.attempted();
        return true;
    }

    /** The other ALTERNATIVE steps next to the running one, for the page's buttons: execution id to authenticator id. */
    public static Map<String, String> others(AuthenticationFlowContext context) {
        Map<String, String> others = new LinkedHashMap<>();
        for (AuthenticationExecutionModel sibling : siblings(context)) {
            if (!sibling.getId().equals(context.getExecution().getId())) {
                others.put(sibling.getId(), sibling.getAuthenticator());
            }
        }
        return others;
    }

    private static List<AuthenticationExecutionModel> siblings(AuthenticationFlowContext context) {
        List<AuthenticationExecutionModel> siblings = alternatives(context);
        siblings.removeIf(e -> e.getId().equals(context.getExecution().getId()));
        return siblings;
    }

    /** The ALTERNATIVE steps of the running step's flow, in flow order, the running one included. */
    private static List<AuthenticationExecutionModel> alternatives(AuthenticationFlowContext context) {
        AuthenticationExecutionModel current = context.getExecution();
        List<AuthenticationExecutionModel> all = new ArrayList<>();
        if (current.getParentFlow() == null || !current.isAlternative()) {
            return all;
        }
        context.getRealm().getAuthenticationExecutionsStream(current.getParentFlow())
                .filter(e -> e.isAlternative() && !e.isAuthenticatorFlow() && e.getAuthenticator() != null)
                .forEach(all::add);
        return all;
    }
}
