package io.einlass.keycloak.authenticators.recovery;

import java.util.List;
import java.util.Map;

import io.einlass.keycloak.core.web.NoStore;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** The page of the recovery code steps ({@code einlass-recovery-code.ftl}): choose a channel, type the code, or "contact support". */
final class RecoveryCodePage {

    static final String TEMPLATE = "einlass-recovery-code.ftl";

    enum Step { CHOOSE, CODE, SUPPORT }

    private RecoveryCodePage() {
    }

    /**
     * @param sentKey   the lead text of the code step; its arguments: the masked target (may be empty) and the minutes
     * @param channels  for {@link Step#CHOOSE}: value and masked label of each offered channel
     */
    static Response render(AuthenticationFlowContext context, Step step, String titleKey, String sentKey, String sentTo,
                           long validMinutes, long resendIn, boolean resendLeft, List<Map<String, String>> channels,
                           Map<String, String> alternatives, FormMessage error, String info) {
        LoginFormsProvider form = context.form()
                .setAttribute("einlassStep", step.name().toLowerCase(java.util.Locale.ROOT))
                .setAttribute("einlassTitleKey", titleKey)
                .setAttribute("einlassSentKey", sentKey)
                .setAttribute("einlassSentTo", sentTo == null ? "" : sentTo)
                .setAttribute("einlassValidMinutes", Math.max(1, validMinutes))
                .setAttribute("einlassResendIn", Math.max(0, resendIn))
                .setAttribute("einlassResendLeft", resendLeft)
                .setAttribute("einlassChannels", channels)
                .setAttribute("einlassAlternatives", alternatives);
        if (error != null) {
            form.addError(error);
        } else if (info != null) {
            form.setInfo(info);
        }
        return NoStore.apply(form.createForm(TEMPLATE));
    }
}
