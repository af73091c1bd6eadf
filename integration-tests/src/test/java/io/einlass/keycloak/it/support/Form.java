package io.einlass.keycloak.it.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;

/** An HTML form as a browser would submit it: hidden fields kept, values typed, one submit button clicked. */
public final class Form {

    private final Browser browser;
    private final URI action;
    private final String method;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final Element element;

    Form(Browser browser, URI page, Element form) {
        this.browser = browser;
        this.element = form;
        String actionAttr = form.attr("action");
        this.action = actionAttr.isBlank() ? page : page.resolve(actionAttr);
        this.method = form.attr("method").isBlank() ? "GET" : form.attr("method").toUpperCase();
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            String type = input.attr("type").toLowerCase();
            if (type.equals("submit") || type.equals("button") || type.equals("image") || input.hasAttr("disabled")) {
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue;
            }
            String value;
            if (input.tagName().equals("select")) {
                Element selected = input.selectFirst("option[selected]");
                if (selected == null) {
                    selected = input.selectFirst("option");
                }
                value = selected == null ? "" : selected.attr("value");
            } else if (input.tagName().equals("textarea")) {
                value = input.text();
            } else {
                value = input.hasAttr("value") ? input.attr("value") : (type.equals("checkbox") ? "on" : "");
            }
            fields.computeIfAbsent(input.attr("name"), k -> new ArrayList<>()).add(value);
        }
    }

    /** Types {@code value} into field {@code name} (creating it if the page has none, as a script or attacker might). */
    public Form set(String name, String value) {
        fields.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    public Form check(String name) {
        Element box = element.selectFirst("input[name=" + name + "]");
        String value = box != null && box.hasAttr("value") ? box.attr("value") : "on";
        return set(name, value);
    }

    public Form uncheck(String name) {
        fields.remove(name);
        return this;
    }

    public boolean hasField(String name) {
        return !element.select("[name=" + name + "]").isEmpty();
    }

    public String value(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public URI action() {
        return action;
    }

    public Element element() {
        return element;
    }

    /** Submits without naming a button (pressing Enter). */
    public Page submit() {
        return browser.submit(method, action, fields);
    }

    /** Clicks the submit button named {@code buttonName} (its value is sent). */
    public Page submit(String buttonName) {
        Element button = element.selectFirst("button[name=" + buttonName + "], input[type=submit][name=" + buttonName + "]");
        if (button == null) {
            throw new AssertionError("no button '" + buttonName + "' in form " + action);
        }
        Map<String, List<String>> withButton = new LinkedHashMap<>(fields);
        withButton.put(buttonName, List.of(button.hasAttr("value") ? button.attr("value") : ""));
        return browser.submit(method, action, withButton);
    }

    /** Clicks the submit button named {@code buttonName} with value {@code value} (one of several alike buttons). */
    public Page submit(String buttonName, String value) {
        Map<String, List<String>> withButton = new LinkedHashMap<>(fields);
        withButton.put(buttonName, List.of(value));
        return browser.submit(method, action, withButton);
    }
}
