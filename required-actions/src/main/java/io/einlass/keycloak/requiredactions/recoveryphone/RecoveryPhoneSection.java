package io.einlass.keycloak.requiredactions.recoveryphone;

import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.accountpage.AccountPage;
import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.SingletonSectionFactory;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.accountpage.AccountView.Button;
import org.keycloak.models.RequiredActionProviderModel;

/** The recovery phone on the "Sign-in and security" page: the confirmed number (masked) or none; set up or manage. */
final class RecoveryPhoneSection implements AccountSection {

    @Override
    public Optional<AccountView.Section> view(AccountPage page) {
        RequiredActionProviderModel action = page.realm().getRequiredActionProviderByAlias(RecoveryPhoneActionFactory.ID);
        if (action == null || !action.isEnabled()) {
            return Optional.empty();
        }
        Optional<String> number = AccountContacts.verifiedPhone(page.user());
        String line = number.map(n -> page.text("einlass.account.recovery-phone.confirmed", RecoveryPhoneAction.shown(n)))
                .orElseGet(() -> page.text("einlass.account.recovery-phone.none"));
        Button button = Button.action(page.text(number.isPresent() ? "einlass.account.manage" : "einlass.account.set-up"),
                RecoveryPhoneActionFactory.ID, number.isPresent() ? Button.Style.SECONDARY : Button.Style.PRIMARY);
        return Optional.of(new AccountView.Section(RecoveryPhoneActionFactory.ID, page.text("einlass.account.recovery-phone.title"),
                List.of(line, page.text("einlass.account.recovery-phone.help")), List.of(), List.of(button)));
    }

    /** {@code einlass-account-section} provider. */
    public static final class Factory extends SingletonSectionFactory {

        public Factory() {
            super(RecoveryPhoneActionFactory.ID, 40, new RecoveryPhoneSection());
        }
    }
}
