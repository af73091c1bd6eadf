package io.einlass.keycloak.requiredactions.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.account.Sessions;
import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.web.NoStore;
import io.einlass.keycloak.core.web.RequestOrigin;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The "Sign-in and security" page: {@code GET} shows the sections for the signed-in user (or starts the sign-in),
 * {@code POST} handles one button (same site, the session's token, and only a button the page shows this user
 * now), {@code GET return} is where Keycloak sends the person back after a sign-in or an account change.
 */
final class AccountPageEndpoint {

    static final String TEMPLATE = "einlass-account.ftl";
    static final String FIELD_BUTTON = "einlass-do";
    private static final Logger LOG = Logger.getLogger(AccountPageEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AccountSignIn signIn;

    AccountPageEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.signIn = new AccountSignIn(session, realm);
    }

    Response page(String kcLocale) {
        Locale requested = requestedLocale(kcLocale);
        if (signIn.client() == null) {
            return notConfigured();
        }
        Optional<UserSessionModel> signedIn = signedIn();
        if (signedIn.isEmpty()) {
            return NoStore.apply(Response.seeOther(signIn.signIn(requested))).build();
        }
        AccountPageContext page = context(signedIn.get(), requested);
        return render(page, requested, Flash.take(page.userSession()).orElse(null), Response.Status.OK);
    }

    Response act(MultivaluedMap<String, String> form, String kcLocale) {
        Locale requested = requestedLocale(kcLocale);
        Optional<UserSessionModel> signedIn = signedIn();
        if (signIn.client() == null) {
            return notConfigured();
        }
        if (signedIn.isEmpty()) {
            return NoStore.apply(Response.seeOther(signIn.signIn(requested))).build();
        }
        AccountPageContext page = context(signedIn.get(), requested);
        UserSessionModel userSession = page.userSession();
        if (RequestOrigin.crossSite(session) || !SessionToken.matches(userSession, form.getFirst(SessionToken.FIELD))) {
            event(page.user(), EventType.UPDATE_PROFILE_ERROR).detail(EinlassEvents.REASON, EinlassEvents.Reason.CROSS_SITE.value())
                    .error(EinlassEvents.Reason.CROSS_SITE.value());
            return render(page, requested, AccountView.Result.refused("einlass.account.refused"), Response.Status.FORBIDDEN);
        }
        Optional<Pressed> pressed = Pressed.parse(form.getFirst(FIELD_BUTTON)).flatMap(p -> p.offered(sections(page)));
        if (pressed.isEmpty()) {
            Flash.set(userSession, AccountView.Result.refused("einlass.account.stale"));
            return backToPage(requested);
        }
        Pressed button = pressed.get();
        switch (button.button().kind()) {
            case ACTION -> {
                String state = SecureCodes.token(32);
                new Intent(Intent.Kind.ACTION, button.button().value(), Time.currentTime(), hasPassword(page.user()), tag(requested))
                        .record(userSession, state);
                return NoStore.apply(Response.seeOther(signIn.action(button.button().value(), state, page.locale(), false))).build();
            }
            case SECURE -> {
                String state = SecureCodes.token(32);
                boolean hadPassword = hasPassword(page.user());
                new Intent(Intent.Kind.SECURE, "", Time.currentTime(), hadPassword, tag(requested)).record(userSession, state);
                return NoStore.apply(Response.seeOther(signIn.action(hadPassword ? UserModel.RequiredAction.UPDATE_PASSWORD.name() : null,
                        state, page.locale(), true))).build();
            }
            default -> {
                AccountView.Result result = button.section().act(page, button.button().value(), button.button().argument());
                Flash.set(userSession, result);
                return backToPage(requested);
            }
        }
    }

    Response back(String state, String status, String error) {
        Optional<UserSessionModel> signedIn = signedIn();
        if (signIn.client() == null) {
            return notConfigured();
        }
        if (signedIn.isEmpty()) {
            // the sign-in did not complete (or the session ended meanwhile): say so, offer to try again
            LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
            return NoStore.apply(form.setAttribute("einlassSignInUrl", signIn.signIn(null).toString())
                    .setAttribute("einlassStep", "signed-out")
                    .setAttribute("einlassTitle", form.getMessage("einlass.account.title"))
                    .setStatus(Response.Status.UNAUTHORIZED).createForm(TEMPLATE));
        }
        UserSessionModel userSession = signedIn.get();
        Optional<Intent> taken = Intent.take(userSession, state);
        if (taken.isEmpty()) {
            return backToPage(null);
        }
        Intent intent = taken.get();
        Locale locale = intent.locale().isEmpty() ? null : Locale.forLanguageTag(intent.locale());
        AccountPageContext page = context(userSession, locale);
        if (intent.kind() == Intent.Kind.SECURE) {
            Flash.set(userSession, secure(page, intent));
        } else {
            Flash.set(userSession, actionOutcome(page, intent.action(), status, error));
        }
        return backToPage(locale);
    }

    /** "This wasn't me", on the way back: only after a new sign-in since the button, and a new password where there was one. */
    private AccountView.Result secure(AccountPageContext page, Intent intent) {
        UserSessionModel userSession = page.userSession();
        UserModel user = page.user();
        long authTime = parse(userSession.getNote(AuthenticationManager.AUTH_TIME));
        boolean signedInAgain = authTime >= intent.startedAt();
        boolean newPassword = !intent.hadPassword() || user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .anyMatch(p -> p.getCreatedDate() != null && p.getCreatedDate() >= intent.startedAt() * 1000L);
        if (!signedInAgain || !newPassword) {
            event(user, EventType.LOGOUT_ERROR).detail(EinlassEvents.ACTION, EinlassEvents.Action.ACCOUNT_SECURED.value())
                    .detail(EinlassEvents.REASON, EinlassEvents.Reason.CANCELLED.value()).error(EinlassEvents.Reason.CANCELLED.value());
            return AccountView.Result.refused("einlass.account.secure.incomplete");
        }
        int ended = Sessions.endAllBut(session, realm, user, userSession.getId());
        int secured = 0;
        for (Shown shown : sections(page)) {
            secured += shown.section().secure(page);
        }
        event(user, EventType.LOGOUT).detail(EinlassEvents.ACTION, EinlassEvents.Action.ACCOUNT_SECURED.value())
                .detail(EinlassEvents.COUNT, String.valueOf(ended)).detail(EinlassEvents.SECURED, String.valueOf(secured)).success();
        return AccountView.Result.done(intent.hadPassword() ? "einlass.account.secure.done" : "einlass.account.secure.done-no-password");
    }

    private static AccountView.Result actionOutcome(AccountPageContext page, String action, String status, String error) {
        if ("success".equals(status)) {
            String specific = "einlass.account.done." + action.split(":", 2)[0].toLowerCase(Locale.ROOT);
            return AccountView.Result.done(page.has(specific) ? specific : "einlass.account.done");
        }
        if ("cancelled".equals(status) || "access_denied".equals(error)) {
            return AccountView.Result.refused("einlass.account.cancelled");
        }
        return AccountView.Result.refused("einlass.account.failed");
    }

    /** Keycloak's SSO session of this browser (the identity cookie), when its user may use the page. */
    private Optional<UserSessionModel> signedIn() {
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null || auth.session() == null || auth.user() == null || !auth.user().isEnabled()
                || auth.user().getServiceAccountClientLink() != null) {
            return Optional.empty();
        }
        return Optional.of(auth.session());
    }

    private AccountPageContext context(UserSessionModel userSession, Locale requested) {
        Locale locale = requested != null ? requested : session.getContext().resolveLocale(userSession.getUser());
        return new AccountPageContext(session, realm, userSession, locale);
    }

    /** A page language chosen with the switch ({@code kc_locale}), if the realm offers it. */
    private Locale requestedLocale(String kcLocale) {
        if (kcLocale == null || kcLocale.length() > 10 || !realm.isInternationalizationEnabled()) {
            return null;
        }
        Optional<String> supported = realm.getSupportedLocalesStream().filter(l -> l.equalsIgnoreCase(kcLocale)).findFirst();
        supported.ifPresent(tag -> session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, tag));
        return supported.map(Locale::forLanguageTag).orElse(null);
    }

    private static String tag(Locale locale) {
        return locale == null ? "" : locale.toLanguageTag();
    }

    /** The sections that show something to this user, in page order. */
    private List<Shown> sections(AccountPageContext page) {
        List<Shown> shown = new ArrayList<>();
        session.getKeycloakSessionFactory().getProviderFactoriesStream(AccountSection.class)
                .sorted((a, b) -> a.order() != b.order() ? Integer.compare(a.order(), b.order()) : a.getId().compareTo(b.getId()))
                .forEach(factory -> {
                    AccountSection section = session.getProvider(AccountSection.class, factory.getId());
                    if (section != null) {
                        section.view(page).ifPresent(view -> shown.add(new Shown(section, view)));
                    }
                });
        return shown;
    }

    private Response render(AccountPageContext page, Locale requested, AccountView.Result message, Response.Status status) {
        UserSessionModel userSession = page.userSession();
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Shown shown : sections(page)) {
            sections.add(AccountModel.section(shown.view()));
        }
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class).setUser(page.user())
                .setAttribute("einlassStep", "page")
                .setAttribute("einlassTitle", page.text("einlass.account.title"))
                .setAttribute("einlassSections", sections)
                .setAttribute("einlassAccountEmail", page.user().getEmail() == null ? page.user().getUsername() : page.user().getEmail())
                .setAttribute("einlassAction", signIn.page(requested).toString())
                .setAttribute("einlassTokenField", SessionToken.FIELD)
                .setAttribute("einlassToken", SessionToken.of(userSession))
                .setAttribute("einlassButtonField", FIELD_BUTTON);
        if (message != null) {
            Object[] arguments = message.arguments().toArray();
            if (message.done()) {
                form.setSuccess(message.messageKey(), arguments);
            } else {
                form.setError(message.messageKey(), arguments);
            }
        }
        return NoStore.apply(form.setStatus(status).createForm(TEMPLATE));
    }

    private Response backToPage(Locale locale) {
        return NoStore.apply(Response.seeOther(signIn.page(locale))).build();
    }

    private Response notConfigured() {
        LOG.warnf("Einlass account page of realm %s: the client '%s' is missing or disabled (see the admin guide)", realm.getName(),
                AccountSignIn.CLIENT_ID);
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        return NoStore.apply(form.setError("einlass.account.not-configured").createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
    }

    private EventBuilder event(UserModel user, EventType type) {
        return new EventBuilder(realm, session, session.getContext().getConnection()).event(type).user(user)
                .client(signIn.client()).detail(EinlassEvents.PAGE, AccountPageResource.SEGMENT);
    }

    private static boolean hasPassword(UserModel user) {
        return user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE);
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A section with what it shows now. */
    record Shown(AccountSection section, AccountView.Section view) {
    }

    /** A pressed button, found among the buttons the page shows now. */
    record Pressed(AccountSection section, AccountView.Button button) {

        /** {@code <kind>|<section id>|<value>|<argument>}, as {@link AccountModel#buttonValue} writes it. */
        static Optional<Raw> parse(String value) {
            if (value == null || value.length() > 512) {
                return Optional.empty();
            }
            String[] parts = value.split("\\|", -1);
            return parts.length == 4 ? Optional.of(new Raw(parts[0], parts[1], parts[2], parts[3])) : Optional.empty();
        }

        record Raw(String kind, String section, String value, String argument) {

            Optional<Pressed> offered(List<Shown> shown) {
                for (Shown s : shown) {
                    if (!s.view().id().equals(section)) {
                        continue;
                    }
                    List<AccountView.Button> all = new ArrayList<>(s.view().buttons());
                    s.view().rows().forEach(r -> all.addAll(r.buttons()));
                    for (AccountView.Button b : all) {
                        if (b.kind().name().equals(kind) && b.value().equals(value) && b.argument().equals(argument)) {
                            return Optional.of(new Pressed(s.section(), b));
                        }
                    }
                }
                return Optional.empty();
            }
        }
    }
}
