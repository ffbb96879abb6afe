package io.github.djlsuite.core.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.report.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trained model on disk: {@code <id>-<epoch>.params} (DJL's parameter format, readable by
 * {@code Model.load} and so by {@code Criteria}) and {@code model.json}:
 * <pre>
 * { "architecture": "mlp", "config": {...builder arguments...}, "dataset": "mnist",
 *   "kind": "VECTORS", "input": {"shape": [1, 784], "description": "..."},
 *   "output": {"description": "...", "classes": [...]}, "metrics": {"test_accuracy": 0.98, ...},
 *   "parameters": "mlp-0010.params",
 *   "environment": {...}, "created": "2026-11-28T04:30:00Z" }
 * </pre>
 * Both files are written to temporary names and renamed, so a crash never leaves a half-written model.
 *
 * @param dir  the folder
 * @param info the parsed {@code model.json}
 */
public record SavedModel(Path dir, JsonObject info) {

    /** Name of the description file. */
    public static final String INFO_FILE = "model.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /**
     * Saves {@code model} (block set, parameters trained) and its description into {@code dir}.
     *
     * @param inputShape   the input shape, batch axis 1
     * @param input        what the model takes, one line
     * @param output       what it returns, one line
     */
    public static SavedModel write(Path dir, Model model, Architecture architecture, JsonObject config,
            TaskData data, Shape inputShape, String input, String output, Map<String, Double> metrics,
            RunContext ctx) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory(dir, ".save-");
        try {
            model.save(tmp, architecture.id());
            JsonObject info = new JsonObject();
            info.addProperty("architecture", architecture.id());
            info.add("config", config.deepCopy());
            info.addProperty("dataset", data.name());
            info.addProperty("kind", data.kind().name());
            JsonObject in = new JsonObject();
            in.add("shape", ModelConfig.array(toInts(inputShape)));
            in.addProperty("description", input);
            info.add("input", in);
            JsonObject out = new JsonObject();
            out.addProperty("description", output);
            List<String> classNames = data.payload() instanceof VectorData v ? v.classNames()
                    : data.payload() instanceof TokenData t ? t.classNames() : null;
            if (classNames != null) { // for the zoo's translators
                com.google.gson.JsonArray classes = new com.google.gson.JsonArray();
                classNames.forEach(classes::add);
                out.add("classes", classes);
            }
            info.add("output", out);
            JsonObject m = new JsonObject();
            metrics.forEach(m::addProperty);
            info.add("metrics", m);
            info.add("environment", GSON.toJsonTree(Environment.capture(ctx)));
            info.addProperty("created", Instant.now().toString());
            String params;
            try (var files = Files.list(tmp)) { // DJL names it <id>-<epoch>.params
                params = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".params")).findFirst()
                        .orElseThrow(() -> new IOException("DJL wrote no .params file in " + tmp));
            }
            info.addProperty("parameters", params);
            Files.writeString(tmp.resolve(INFO_FILE), GSON.toJson(info), StandardCharsets.UTF_8);
            Files.move(tmp.resolve(params), dir.resolve(params), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp.resolve(INFO_FILE), dir.resolve(INFO_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return new SavedModel(dir, info);
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    private static int[] toInts(Shape shape) {
        int[] v = new int[shape.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) shape.get(i);
        }
        return v;
    }

    /** Reads {@code dir/model.json}; a clear error when it is missing, corrupt or lacks parameters. */
    public static SavedModel read(Path dir) throws IOException {
        Path file = dir.resolve(INFO_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a saved model: " + INFO_FILE + " is missing (suite train writes it)");
        }
        JsonObject info;
        try {
            info = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        for (String key : new String[] {"architecture", "config", "input", "parameters"}) {
            if (!info.has(key)) {
                throw new IOException(file + " has no \"" + key + "\"");
            }
        }
        SavedModel saved = new SavedModel(dir, info);
        if (!Files.isRegularFile(saved.parameters())) {
            throw new IOException(dir + ": parameters file " + saved.parameters().getFileName() + " is missing");
        }
        return saved;
    }

    /** The architecture id. */
    public String architecture() {
        return info.get("architecture").getAsString();
    }

    /** The builder arguments. */
    public JsonObject config() {
        return info.getAsJsonObject("config");
    }

    /** The parameter file. */
    public Path parameters() {
        return dir.resolve(info.get("parameters").getAsString());
    }

    /** The input shape the model was saved with (batch axis 1). */
    public Shape inputShape() {
        return new Shape(java.util.Arrays.stream(ModelConfig.ints(info.getAsJsonObject("input"), "shape"))
                .asLongStream().toArray());
    }

    /** The stored metrics (empty when none). */
    public JsonObject metrics() {
        return info.has("metrics") ? info.getAsJsonObject("metrics") : new JsonObject();
    }

    /**
     * Rebuilds the Block through its architecture and loads the parameters, on {@code backend}
     * (which may be a different engine from the one that trained it).
     */
    public Model load(Backend backend) throws IOException, MalformedModelException {
        Architecture arch = Architectures.require(architecture());
        Model model = Model.newInstance(architecture(), backend.device(), backend.engineName());
        model.setBlock(arch.build(config()));
        model.load(dir, architecture());
        return model;
    }
}
