package io.einlass.keycloak.requiredactions.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.accountpage.AccountView.Button;
import org.junit.jupiter.api.Test;

/** A POST names a button; the page acts only when it shows exactly that button to this user now. */
class PressedButtonTest {

    private static final AccountSection NOTHING = page -> Optional.empty();
    private static final Button FORGET = Button.post("Forget", "forget", "1111", Button.Style.SECONDARY);
    private static final Button MANAGE = Button.action("Manage", "einlass-recovery-email", Button.Style.SECONDARY);

    private final List<AccountPageEndpoint.Shown> shown = List.of(
            new AccountPageEndpoint.Shown(NOTHING, new AccountView.Section("einlass-trusted-browsers", "Trusted browsers", List.of(),
                    List.of(new AccountView.Row("Firefox on Windows", List.of(), null, List.of(FORGET))), List.of())),
            new AccountPageEndpoint.Shown(NOTHING, new AccountView.Section("einlass-recovery-email", "Recovery email", List.of(),
                    List.of(), List.of(MANAGE))));

    private Optional<AccountPageEndpoint.Pressed> press(String value) {
        return AccountPageEndpoint.Pressed.parse(value).flatMap(raw -> raw.offered(shown));
    }

    @Test
    void aShownButtonIsFoundWhatTheModelWrites() {
        assertThat(press(AccountModel.buttonValue("einlass-trusted-browsers", FORGET))).get()
                .extracting(AccountPageEndpoint.Pressed::button).isEqualTo(FORGET);
        assertThat(press(AccountModel.buttonValue("einlass-recovery-email", MANAGE))).isPresent();
    }

    @Test
    void anyOtherButtonIsRefused() {
        assertThat(press("POST|einlass-trusted-browsers|forget|2222")).as("another id").isEmpty();
        assertThat(press("POST|einlass-recovery-email|forget|1111")).as("another section").isEmpty();
        assertThat(press("ACTION|einlass-recovery-email|delete_account|")).as("an action the page does not offer").isEmpty();
        assertThat(press("ACTION|einlass-trusted-browsers|forget|1111")).as("another kind").isEmpty();
        assertThat(press("POST|einlass-trusted-browsers|forget")).isEmpty();
        assertThat(press(null)).isEmpty();
        assertThat(press("x".repeat(600))).isEmpty();
    }

}
