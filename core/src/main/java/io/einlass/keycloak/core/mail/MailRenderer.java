package io.einlass.keycloak.core.mail;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * Renders an Einlass mail (subject, text and HTML body) with the realm's email theme in the request thread.
 * Unlike Keycloak's template provider it works without a user, so a request for an unknown address renders the
 * same mail (and spends the same time) as one for a known address; only the sending differs.
 */
public final class MailRenderer {

    private final KeycloakSession session;

    public MailRenderer(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The locale a mail is written in: the user's profile language when the realm supports it, else the language of
     * the pages the person is using right now.
     */
    public Locale localeFor(UserModel userOrNull) {
        RealmModel realm = session.getContext().getRealm();
        String preferred = userOrNull == null ? null : userOrNull.getFirstAttribute(UserModel.LOCALE);
        if (preferred != null && realm != null && realm.isInternationalizationEnabled()
                && realm.getSupportedLocalesStream().anyMatch(preferred::equals)) {
            return Locale.forLanguageTag(preferred);
        }
        return session.getContext().resolveLocale(null);
    }

    /**
     * @param template file name below the theme's {@code html/} and {@code text/} folders
     * @param attributes template data; {@code msg}, {@code locale}, {@code properties}, {@code realmName} are added
     */
    public RenderedMail render(RealmModel realm, Locale locale, String subjectKey, List<Object> subjectArguments,
                               String template, Map<String, Object> attributes) {
        try {
            Theme theme = session.theme().getTheme(Theme.Type.EMAIL);
            Properties messages = theme.getEnhancedMessages(realm, locale);
            Map<String, Object> data = new HashMap<>(attributes);
            data.put("locale", locale);
            data.put("ltr", new java.text.Bidi(locale.getDisplayLanguage(locale), java.text.Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT).isLeftToRight());
            data.put("msg", new MessageFormatterMethod(locale, messages));
            data.put("properties", theme.getProperties());
            data.put("realmName", realm.getDisplayName() != null && !realm.getDisplayName().isBlank()
                    ? realm.getDisplayName() : realm.getName());
            String subject = new MessageFormat(messages.getProperty(subjectKey, subjectKey), locale)
                    .format(subjectArguments.toArray());
            data.put("subject", subject);
            FreeMarkerProvider freeMarker = session.getProvider(FreeMarkerProvider.class);
            String text = freeMarker.processTemplate(data, "text/" + template, theme);
            String html = freeMarker.processTemplate(data, "html/" + template, theme);
            return new RenderedMail(subject, text, html);
        } catch (IOException | FreeMarkerException e) {
            throw new IllegalStateException("Einlass mail template " + template + " could not be rendered", e);
        }
    }
}
