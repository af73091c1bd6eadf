package io.einlass.keycloak.it.support;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What an admin does under Authentication > flow > step > settings: change an execution's config, and undo it. */
public final class ExecutionConfig implements AutoCloseable {

    private final AdminClient admin;
    private final String path;
    private final Map<String, String> original;

    private ExecutionConfig(AdminClient admin, String path, Map<String, String> original) {
        this.admin = admin;
        this.path = path;
        this.original = original;
    }

    /** Changes the config of the {@code providerId} step in the flow named {@code flowAlias}; close() restores it. */
    public static ExecutionConfig change(AdminClient admin, String realm, String flowAlias, String providerId, Map<String, String> changes) {
        JsonNode executions = admin.get("/realms/" + realm + "/authentication/flows/" + Urls.encode(flowAlias).replace("+", "%20") + "/executions");
        for (JsonNode execution : executions) {
            if (providerId.equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                String path = "/realms/" + realm + "/authentication/config/" + configId;
                ObjectNode config = (ObjectNode) admin.get(path);
                Map<String, String> original = new HashMap<>();
                config.path("config").fields().forEachRemaining(e -> original.put(e.getKey(), e.getValue().asText()));
                ObjectNode values = (ObjectNode) config.path("config");
                changes.forEach(values::put);
                admin.put(path, config);
                return new ExecutionConfig(admin, path, original);
            }
        }
        throw new AssertionError("no " + providerId + " in flow " + flowAlias);
    }

    @Override
    public void close() {
        ObjectNode config = (ObjectNode) admin.get(path);
        ObjectNode values = config.putObject("config");
        original.forEach(values::put);
        admin.put(path, config);
    }
}
