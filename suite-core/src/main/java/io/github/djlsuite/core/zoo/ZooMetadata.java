package io.github.djlsuite.core.zoo;

import ai.djl.repository.Version;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One artifact's {@code metadata.json} in a suite repository: DJL's metadata format (version 0.2,
 * readable by DJL's {@code Metadata}/{@code Repository} classes) with one addition, a
 * {@code sha256} next to DJL's {@code sha1Hash} on every file.
 *
 * <pre>
 * { "metadataVersion": "0.2", "resourceType": "model", "application": "tabular/softmax_regression",
 *   "groupId": "io.github.djlsuite", "artifactId": "mlp", "name": "mlp", "description": "...",
 *   "artifacts": [ { "version": "0.1.0", "snapshot": false, "name": "mlp",
 *       "properties": { "version": "0.1.0", "dataset": "uci/iris", "kind": "VECTORS",
 *                       "inputShape": "1,4", "classes": "[\"setosa\",...]", "metric.test_accuracy": "0.97", ... },
 *       "arguments": { ...the architecture's builder arguments..., "blockFactory": "..." },
 *       "files": { "parameters": { "uri": "0.1.0/mlp-0040.params", "name": "mlp-0040.params",
 *                                  "size": 2735, "sha256": "...", "sha1Hash": "..." },
 *                  "model": { "uri": "0.1.0/model.json", ... } } } ] }
 * </pre>
 * File URIs are relative to the folder that holds {@code metadata.json}. All property values are
 * strings (DJL's {@code Artifact.getProperties()} is a {@code Map<String, String>}), so DJL's
 * {@code Criteria.optFilter(key, value)} matches them.
 *
 * @param source where it was read from (for messages)
 * @param json   the document
 */
public record ZooMetadata(String source, JsonObject json) {

    /** DJL's metadata format version the suite writes. */
    public static final String METADATA_VERSION = "0.2";

    /** One file of an artifact version. */
    public record FileEntry(String key, String uri, String name, long size, String sha256) {}

    /** One published version of the artifact. */
    public record Entry(ZooMetadata metadata, JsonObject json) {

        /** The version string, e.g. {@code 0.1.0}. */
        public String version() {
            return json.get("version").getAsString();
        }

        /** The string properties (dataset, kind, metrics, ...). */
        public Map<String, String> properties() {
            Map<String, String> map = new LinkedHashMap<>();
            JsonObject p = json.has("properties") ? json.getAsJsonObject("properties") : new JsonObject();
            p.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().isJsonNull() ? null : e.getValue().getAsString()));
            return map;
        }

        /** A property or null. */
        public String property(String key) {
            return properties().get(key);
        }

        /** The builder arguments stored under {@code arguments}. */
        public JsonObject arguments() {
            return json.has("arguments") ? json.getAsJsonObject("arguments") : new JsonObject();
        }

        /** The files, by key ({@code parameters}, {@code model}, ...). */
        public List<FileEntry> files() throws ZooException {
            String where = metadata.source + ": version " + version();
            JsonElement files = json.get("files");
            if (files == null || !files.isJsonObject() || files.getAsJsonObject().size() == 0) {
                throw new ZooException(where + " has no \"files\"");
            }
            List<FileEntry> list = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : files.getAsJsonObject().entrySet()) {
                String at = where + ", file \"" + e.getKey() + "\"";
                if (!e.getValue().isJsonObject()) {
                    throw new ZooException(at + " is not an object");
                }
                JsonObject f = e.getValue().getAsJsonObject();
                String uri = string(f, "uri", at);
                String sha = string(f, "sha256", at).toLowerCase(java.util.Locale.ROOT);
                if (!sha.matches("[0-9a-f]{64}")) {
                    throw new ZooException(at + ": sha256 must be 64 hex digits, got '" + sha + "'");
                }
                if (uri.startsWith("/") || uri.contains("..") || uri.contains("\\") || uri.contains(":")) {
                    throw new ZooException(at + ": uri must be a relative path inside the artifact folder, got '"
                            + uri + "'");
                }
                String name = f.has("name") ? f.get("name").getAsString() : uri.substring(uri.lastIndexOf('/') + 1);
                long size;
                try {
                    size = f.has("size") ? f.get("size").getAsLong() : -1;
                } catch (RuntimeException ex) {
                    throw new ZooException(at + ": size is not an integer: " + f.get("size"));
                }
                list.add(new FileEntry(e.getKey(), uri, name, size, sha));
            }
            return list;
        }

        /** The file with {@code key}, or an error naming the keys present. */
        public FileEntry file(String key) throws ZooException {
            for (FileEntry f : files()) {
                if (f.key().equals(key)) {
                    return f;
                }
            }
            throw new ZooException(metadata.source + ": version " + version() + " has no file \"" + key + "\"");
        }

        /** Whether every {@code filter} entry equals the property of the same name (DJL's rule). */
        public boolean matches(Map<String, String> filter) {
            if (filter == null || filter.isEmpty()) {
                return true;
            }
            Map<String, String> p = properties();
            return filter.entrySet().stream().allMatch(f -> f.getValue().equals(p.get(f.getKey())));
        }
    }

    /** Parses {@code text}; errors name {@code source} and the field at fault. */
    public static ZooMetadata parse(String source, String text) throws ZooException {
        JsonObject json;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new ZooException(source + " is not a JSON object");
            }
            json = e.getAsJsonObject();
        } catch (JsonParseException ex) {
            throw new ZooException(source + " is not valid JSON: " + ex.getMessage(), ex);
        }
        ZooMetadata m = new ZooMetadata(source, json);
        string(json, "artifactId", source);
        JsonElement artifacts = json.get("artifacts");
        if (artifacts == null || !artifacts.isJsonArray()) {
            throw new ZooException(source + " has no \"artifacts\" array");
        }
        for (int i = 0; i < artifacts.getAsJsonArray().size(); i++) {
            JsonElement a = artifacts.getAsJsonArray().get(i);
            if (!a.isJsonObject()) {
                throw new ZooException(source + ": artifacts[" + i + "] is not an object");
            }
            string(a.getAsJsonObject(), "version", source + ": artifacts[" + i + "]");
        }
        return m;
    }

    /** A new, empty document for {@code artifactId}. */
    static ZooMetadata empty(String source, String application, String artifactId, String description) {
        JsonObject j = new JsonObject();
        j.addProperty("metadataVersion", METADATA_VERSION);
        j.addProperty("resourceType", "model");
        j.addProperty("application", application);
        j.addProperty("groupId", ZooRepository.GROUP_ID);
        j.addProperty("artifactId", artifactId);
        j.addProperty("name", artifactId);
        j.addProperty("description", description);
        j.add("artifacts", new com.google.gson.JsonArray());
        return new ZooMetadata(source, j);
    }

    private static String string(JsonObject o, String key, String where) throws ZooException {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new ZooException(where + " has no \"" + key + "\"");
        }
        return e.getAsString();
    }

    /** The artifact id. */
    public String artifactId() {
        return json.get("artifactId").getAsString();
    }

    /** The versions, oldest first. */
    public List<Entry> versions() {
        List<Entry> list = new ArrayList<>();
        json.getAsJsonArray("artifacts").forEach(a -> list.add(new Entry(this, a.getAsJsonObject())));
        list.sort(Comparator.comparing(e -> new Version(e.version())));
        return list;
    }

    /** The version called {@code version}. */
    public Optional<Entry> version(String version) {
        return versions().stream().filter(e -> e.version().equals(version)).findFirst();
    }

    /** The newest version whose properties match {@code filter} (DJL's {@code optFilter} semantics). */
    public Optional<Entry> newest(Map<String, String> filter) {
        List<Entry> all = versions();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).matches(filter)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
