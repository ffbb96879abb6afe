package io.github.djlsuite.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import java.util.TreeSet;

/**
 * Helpers for an architecture's flat JSON configuration: user overrides ({@code --set key=value})
 * typed after the default they replace, and typed reads.
 */
public final class ModelConfig {

    private ModelConfig() {}

    /**
     * A copy of {@code defaults} with {@code overrides} applied. Each override must name an existing
     * key; its text is parsed as the default's type: integer, decimal, boolean, string, or a
     * comma-separated list of integers ({@code 256,256}).
     *
     * @throws IllegalArgumentException naming the architecture, key and the accepted keys or type
     */
    public static JsonObject withOverrides(String architecture, JsonObject defaults, Map<String, String> overrides) {
        JsonObject out = defaults.deepCopy();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey();
            String text = e.getValue().trim();
            JsonElement old = defaults.get(key);
            if (old == null) {
                throw new IllegalArgumentException(architecture + " has no setting '" + key + "'; settings: "
                        + String.join(", ", new TreeSet<>(defaults.keySet())));
            }
            try {
                out.add(key, parseLike(old, text));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(architecture + " setting " + key + "=" + text + " is not "
                        + typeName(old) + " (default " + old + ")");
            }
        }
        return out;
    }

    private static JsonElement parseLike(JsonElement old, String text) {
        if (old.isJsonArray()) {
            JsonArray a = new JsonArray();
            if (!text.isEmpty()) {
                for (String part : text.split(",")) {
                    a.add(Integer.parseInt(part.trim()));
                }
            }
            return a;
        }
        JsonPrimitive p = old.getAsJsonPrimitive();
        if (p.isBoolean()) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException(text);
            }
            return new JsonPrimitive(Boolean.parseBoolean(text));
        }
        if (p.isNumber()) {
            String s = p.getAsString();
            boolean integral = !s.contains(".") && !s.contains("e") && !s.contains("E");
            return integral ? new JsonPrimitive(Long.parseLong(text)) : new JsonPrimitive(Double.parseDouble(text));
        }
        return new JsonPrimitive(text);
    }

    private static String typeName(JsonElement old) {
        if (old.isJsonArray()) {
            return "a comma-separated list of integers";
        }
        JsonPrimitive p = old.getAsJsonPrimitive();
        return p.isBoolean() ? "true or false" : p.isNumber() ? "a number" : "text";
    }

    /** An integer list setting. */
    public static int[] ints(JsonObject config, String key) {
        JsonArray a = require(config, key).getAsJsonArray();
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }

    /** An integer list as a JSON array. */
    public static JsonArray array(int... values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    /** A required setting. */
    public static JsonElement require(JsonObject config, String key) {
        JsonElement e = config.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("configuration has no '" + key + "': " + config);
        }
        return e;
    }
}
