package io.einlass.keycloak.requiredactions.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.accountpage.AccountPage;
import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.SingletonSectionFactory;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.accountpage.AccountView.Button;
import io.einlass.keycloak.core.events.EinlassEvents;
import org.keycloak.common.util.Time;
import org.keycloak.device.DeviceActivityManager;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.representations.account.DeviceRepresentation;

/**
 * "Recent security activity": the user's own sign-ins and account changes of the last 30 days (from the realm's
 * stored events, only those of this user), with time, IP address and, while that session lasts, browser; and
 * "This wasn't me".
 */
final class ActivitySection implements AccountSection {

    static final String ID = "einlass-activity";
    static final Duration PERIOD = Duration.ofDays(30);
    static final int MAX_ROWS = 20;
    private static final String TRUSTED_BROWSER = "einlass-trusted-browser";
    private static final String PASSKEY = "webauthn-passwordless";
    private static final EventType[] TYPES = {EventType.LOGIN, EventType.LOGIN_ERROR, EventType.UPDATE_PASSWORD,
            EventType.UPDATE_CREDENTIAL, EventType.REMOVE_CREDENTIAL, EventType.UPDATE_PROFILE, EventType.LOGOUT};

    @Override
    public Optional<AccountView.Section> view(AccountPage page) {
        List<String> lines = new ArrayList<>();
        List<AccountView.Row> rows = new ArrayList<>();
        EventStoreProvider store = page.session().getProvider(EventStoreProvider.class);
        if (!page.realm().isEventsEnabled() || store == null) {
            lines.add(page.text("einlass.account.activity.off"));
        } else {
            List<Event> events = store.createQuery().realm(page.realm().getId()).user(page.user().getId()).type(TYPES)
                    .fromDate(Time.currentTimeMillis() - PERIOD.toMillis()).orderByDescTime().maxResults(MAX_ROWS * 3)
                    .getResultStream().toList();
            for (Event event : events) {
                String what = label(event);
                if (what == null) {
                    continue;
                }
                List<String> details = new ArrayList<>();
                details.add(page.dateTime(Instant.ofEpochMilli(event.getTime())));
                if (event.getIpAddress() != null) {
                    details.add(page.text("einlass.account.activity.ip", event.getIpAddress()));
                }
                browser(page, event).ifPresent(b -> details.add(page.text("einlass.account.activity.browser", b)));
                rows.add(new AccountView.Row(page.text(what), details, null, List.of()));
                if (rows.size() == MAX_ROWS) {
                    break;
                }
            }
            lines.add(page.text(rows.isEmpty() ? "einlass.account.activity.none" : "einlass.account.activity.intro"));
        }
        lines.add(page.text("einlass.account.activity.not-me-help"));
        List<Button> buttons = List.of(new Button(page.text("einlass.account.activity.not-me"), Button.Kind.SECURE, "not-me", "", Button.Style.DANGER));
        return Optional.of(new AccountView.Section(ID, page.text("einlass.account.activity.title"), lines, rows, buttons));
    }

    /** The message key describing {@code event}, or null for events the person need not see. */
    static String label(Event event) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        EinlassEvents.Action action = EinlassEvents.Action.of(details.get(EinlassEvents.ACTION));
        String credential = details.get(Details.CREDENTIAL_TYPE);
        return switch (event.getType()) {
            case LOGIN -> "einlass.account.activity.login";
            case LOGIN_ERROR -> "einlass.account.activity.login-error";
            case UPDATE_PASSWORD -> "einlass.account.activity.password";
            case UPDATE_CREDENTIAL -> OTPCredentialModel.TYPE.equals(credential) ? "einlass.account.activity.authenticator-added"
                    : TRUSTED_BROWSER.equals(credential) ? "einlass.account.activity.browser-trusted"
                    : PASSKEY.equals(credential) ? "einlass.account.activity.passkey-added" : null;
            case REMOVE_CREDENTIAL -> OTPCredentialModel.TYPE.equals(credential) ? "einlass.account.activity.authenticator-removed"
                    : PASSKEY.equals(credential) ? "einlass.account.activity.passkey-removed"
                    : TRUSTED_BROWSER.equals(credential) ? (action == EinlassEvents.Action.TRUSTED_BROWSER_FORGOTTEN
                            ? "einlass.account.activity.browser-forgotten" : "einlass.account.activity.browsers-forgotten") : null;
            case UPDATE_PROFILE -> action == null ? "einlass.account.activity.profile" : switch (action) {
                case RECOVERY_EMAIL_ADDED, RECOVERY_EMAIL_CHANGED, RECOVERY_EMAIL_REMOVED -> "einlass.account.activity.recovery-email";
                case RECOVERY_PHONE_ADDED, RECOVERY_PHONE_CHANGED, RECOVERY_PHONE_REMOVED -> "einlass.account.activity.recovery-phone";
                default -> "einlass.account.activity.profile";
            };
            case LOGOUT -> action == EinlassEvents.Action.ACCOUNT_SECURED ? "einlass.account.activity.secured" : null;
            default -> null;
        };
    }

    /** Browser and system of the sign-in's session, while it lasts (Keycloak's events do not keep them). */
    private static Optional<String> browser(AccountPage page, Event event) {
        if (event.getType() != EventType.LOGIN || event.getSessionId() == null) {
            return Optional.empty();
        }
        UserSessionModel userSession = page.session().sessions().getUserSession(page.realm(), event.getSessionId());
        if (userSession == null || !userSession.getUser().getId().equals(page.user().getId())) {
            return Optional.empty();
        }
        DeviceRepresentation device = DeviceActivityManager.getCurrentDevice(userSession);
        if (device == null || device.getBrowser() == null) {
            return Optional.empty();
        }
        String browser = device.getBrowser().replaceAll("/.*$", "");
        return Optional.of(device.getOs() == null || device.getOs().isBlank() ? browser : page.text("einlass.account.activity.on", browser, device.getOs()));
    }

    /** {@code einlass-account-section} provider: last on the page. */
    public static final class Factory extends SingletonSectionFactory {

        public Factory() {
            super(ID, 90, new ActivitySection());
        }
    }
}
