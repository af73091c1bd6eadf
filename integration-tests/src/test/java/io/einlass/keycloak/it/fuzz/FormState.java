package io.einlass.keycloak.it.fuzz;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Cookie;
import io.einlass.keycloak.it.support.Page;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One page of a real sign-in (or of the account page) in a valid state, reached by a {@link Browser}: the form's
 * action, its hidden fields and the browser's cookies and client address. The fuzz cases are sent from here with
 * {@link RawHttp}; when an answer shows the same form again, its new action (Keycloak's session code changes
 * with every page) and hidden fields are taken over, so the next case still reaches the step.
 */
final class FormState {

    private final String selector;
    private final String clientIp;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private URI action;
    private Map<String, String> hidden = new LinkedHashMap<>();

    private FormState(String selector, String clientIp) {
        this.selector = selector;
        this.clientIp = clientIp;
    }

    /** The form {@code selector} of {@code page}; fails (setup, not fuzz) when the page does not show it. */
    static FormState of(Browser browser, Page page, String selector) {
        if (!page.has(selector)) {
            String text = page.text();
            throw new AssertionError("setup: expected " + selector + " on " + page.uri().getPath() + " (status " + page.status()
                    + "): " + page.title() + " / " + (text.length() > 200 ? text.substring(0, 200) : text));
        }
        FormState state = new FormState(selector, browser.clientIp());
        for (Cookie c : browser.cookies().all()) {
            state.cookies.put(c.name(), c.value());
        }
        state.take(page.document());
        return state;
    }

    private void take(Document document) {
        Element form = document.selectFirst(selector);
        String attr = form.attr("action");
        action = attr.isBlank() ? URI.create(document.location()) : URI.create(document.location()).resolve(attr);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden][name]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        hidden = fields;
    }

    /** Takes over the answer: cookies it sets, and the form when the answer shows it again. True if it does. */
    boolean update(RawHttp.Response response) {
        for (String setCookie : response.header("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        if (response.status() != 200 || (selector.startsWith("#") && !response.body().contains(selector.substring(1)))) {
            return false;
        }
        Document document = Jsoup.parse(response.body(), action.toString());
        if (document.selectFirst(selector) == null) {
            return false;
        }
        take(document);
        return true;
    }

    /** Path and query of the action, as the form would post to it. */
    String target() {
        return action.getRawPath() + (action.getRawQuery() == null ? "" : "?" + action.getRawQuery());
    }

    Map<String, String> hidden() {
        return hidden;
    }

    String clientIp() {
        return clientIp;
    }

    /** The cookies as {@code name=value} pairs. Never printed: they are a real session's. */
    List<String> cookiePairs() {
        List<String> pairs = new ArrayList<>();
        cookies.forEach((k, v) -> pairs.add(k + "=" + v));
        return pairs;
    }

    String cookieHeader() {
        return String.join("; ", cookiePairs());
    }
}
