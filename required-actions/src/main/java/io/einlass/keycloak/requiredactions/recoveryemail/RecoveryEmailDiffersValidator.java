package io.einlass.keycloak.requiredactions.recoveryemail;

import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.email.CanonicalEmail;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@code einlass-recovery-email-differs}: the login email and the recovery email may never
 * be the same address (after canonicalization). Put it on both attributes; it compares the value being validated
 * with the other one, so every path (account console, UPDATE_EMAIL, UPDATE_PROFILE, the admin API with a 400)
 * refuses the change.
 */
public final class RecoveryEmailDiffersValidator extends AbstractStringValidator {

    public static final String ID = "einlass-recovery-email-differs";
    public static final String MESSAGE = "einlass.recovery-email.equals-login";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!(context instanceof UserProfileAttributeValidationContext profile)) {
            return;
        }
        AttributeContext attributes = profile.getAttributeContext();
        String other = AccountContacts.RECOVERY_EMAIL.equals(inputHint) ? UserModel.EMAIL : AccountContacts.RECOVERY_EMAIL;
        String otherValue = attributes.getAttributes() == null ? null : attributes.getAttributes().getFirst(other);
        if ((otherValue == null || otherValue.isBlank()) && attributes.getUser() != null) {
            otherValue = UserModel.EMAIL.equals(other) ? attributes.getUser().getEmail() : attributes.getUser().getFirstAttribute(other);
        }
        if (otherValue != null && CanonicalEmail.same(value, otherValue)) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
    }
}
