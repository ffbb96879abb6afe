package io.github.djlsuite.datasets.ctr;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the columns of a CTR file are and how each becomes model input, modelled on FuxiCTR's
 * dataset config ({@code feature_cols} with {@code type} categorical / numeric / sequence,
 * {@code label_col}, {@code min_categr_count}, {@code max_len}, {@code share_embedding}).
 *
 * <p><b>JSON form</b> (read by {@link #read(Path)} / {@link #parse(String)}, written by {@link #toJson()}):
 * <pre>{@code
 * {
 *   "separator": ",",          // one character; default ","  ("\t", ";" ... allowed)
 *   "header": true,            // first line holds the column names; default true
 *   "columns": ["a", "b"],     // the column names, required when header is false, forbidden otherwise
 *   "quote": false,            // RFC-4180 double-quoted values (","-containing titles); default false
 *   "trim": false,             // strip surrounding blanks of every value; default false
 *   "fields": [                // one entry per column of the file, in any order
 *     {"name": "label", "role": "label"},
 *     {"name": "income", "column": "income_50k", "role": "label", "positive": ["50000+."]},
 *     {"name": "I1", "role": "numeric", "transform": "log"},
 *     {"name": "price", "role": "numeric", "transform": "bucket", "buckets": 10},
 *     {"name": "age", "role": "numeric", "transform": "standard"},
 *     {"name": "C1", "role": "categorical", "min_count": 10},
 *     {"name": "hist", "role": "sequence", "separator": " ", "max_length": 50, "share_vocab": "item"},
 *     {"name": "id", "role": "ignore"}
 *   ]
 * }
 * }</pre>
 * Field keys: {@code name} (unique), {@code column} (the file column, default = name), {@code role}
 * ({@code categorical | numeric | sequence | label | ignore}) and, by role:
 * <ul>
 *   <li>categorical: {@code min_count} (default 1): values seen fewer times in the training split map
 *       to {@link CtrLayout#OOV};</li>
 *   <li>numeric: {@code transform} = {@code none} (raw value), {@code standard} (z-score with the
 *       training mean and standard deviation), {@code log} (Criteo/FuxiCTR bucketing: v &gt; 2 →
 *       bucket {@code floor(ln(v)²)}, otherwise v itself as its own bucket; the field becomes
 *       categorical) or {@code bucket} ({@code buckets} quantile buckets of the training values,
 *       default 10; the field becomes categorical); {@code min_count} applies to log/bucket;</li>
 *   <li>sequence: {@code separator} (one character, required), {@code max_length} (required, ≥ 1),
 *       {@code share_vocab} (optional: name of a categorical field whose vocabulary, and so embedding
 *       table, the items share), {@code min_count} (own vocabulary only);</li>
 *   <li>label: {@code positive} (optional list of values that mean 1, any other value means 0;
 *       without it the value must be {@code 0} or {@code 1}). Several labels make a multi-task set,
 *       in field order.</li>
 * </ul>
 * An empty value is missing: PAD for categorical and sequence fields, 0 after normalisation for
 * numeric ones; a missing label is an error. Every column of the file must be named by exactly one
 * field (use role {@code ignore} to drop one), so a renamed or added column is caught.
 *
 * <p>Errors: {@link #parse(String)} throws {@link IllegalArgumentException} naming the field (bad role,
 * duplicate name, unknown key, bad option); {@link #bind(Path, List)} throws {@link DataFormatException}
 * naming the file and the field (missing column, undeclared column).
 *
 * @param separator column separator, one character
 * @param header    whether the first line of each file holds the column names
 * @param columns   the column names when {@code header} is false, else empty
 * @param quote     whether values may be double-quoted
 * @param trim      whether values are stripped of surrounding blanks
 * @param fields    the fields, at least one categorical (or log/bucket numeric) and one label
 */
public record CtrSchema(String separator, boolean header, List<String> columns, boolean quote, boolean trim,
        List<Field> fields) {

    /** What a column is for. */
    public enum Role { CATEGORICAL, NUMERIC, SEQUENCE, LABEL, IGNORE }

    /** How a numeric column is turned into model input. */
    public enum Transform { NONE, STANDARD, LOG, BUCKET }

    /**
     * One field of the schema (see the class javadoc for the meaning of each option).
     *
     * @param name       unique field name (also its name in the {@link CtrLayout})
     * @param column     the file column it reads
     * @param role       its role
     * @param transform  numeric fields: the transform; {@link Transform#NONE} otherwise
     * @param minCount   categorical, log/bucket numeric and unshared sequence fields: rarer values → OOV
     * @param buckets    bucket transform: number of quantile buckets (≥ 2); 0 otherwise
     * @param itemSeparator sequence fields: item separator (one character); null otherwise
     * @param maxLength  sequence fields: L_s; 0 otherwise
     * @param shareVocab sequence fields: categorical field whose vocabulary is shared, or null
     * @param positive   label fields: values meaning 1 (empty = the value must be 0 or 1)
     */
    public record Field(String name, String column, Role role, Transform transform, int minCount, int buckets,
            String itemSeparator, int maxLength, String shareVocab, List<String> positive) {

        /** Checks the options fit the role; messages name the field. */
        public Field {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a field has no name");
            }
            column = column == null ? name : column;
            Objects.requireNonNull(role, () -> "field '" + name + "': role");
            transform = transform == null ? Transform.NONE : transform;
            positive = positive == null ? List.of() : List.copyOf(positive);
            if (minCount < 1) {
                throw new IllegalArgumentException("field '" + name + "': min_count must be >= 1, got " + minCount);
            }
            if (role != Role.NUMERIC && transform != Transform.NONE) {
                throw new IllegalArgumentException("field '" + name + "': transform applies to numeric fields only");
            }
            if ((transform == Transform.BUCKET) != (buckets != 0) || buckets < 0 || buckets == 1) {
                throw new IllegalArgumentException("field '" + name + "': buckets (>= 2) goes with transform bucket"
                        + " only, got " + buckets);
            }
            if (role == Role.SEQUENCE) {
                if (itemSeparator == null || itemSeparator.length() != 1) {
                    throw new IllegalArgumentException("field '" + name + "': a sequence needs a one-character"
                            + " separator, got " + (itemSeparator == null ? "none" : "'" + itemSeparator + "'"));
                }
                if (maxLength < 1) {
                    throw new IllegalArgumentException("field '" + name + "': max_length must be >= 1, got "
                            + maxLength);
                }
            } else if (itemSeparator != null || maxLength != 0 || shareVocab != null) {
                throw new IllegalArgumentException("field '" + name + "': separator, max_length and share_vocab"
                        + " apply to sequence fields only");
            }
            if (role != Role.LABEL && !positive.isEmpty()) {
                throw new IllegalArgumentException("field '" + name + "': positive applies to label fields only");
            }
            boolean slot = role == Role.CATEGORICAL
                    || role == Role.NUMERIC && (transform == Transform.LOG || transform == Transform.BUCKET);
            if (minCount != 1 && !(slot || role == Role.SEQUENCE)) {
                throw new IllegalArgumentException("field '" + name + "': min_count applies to categorical fields"
                        + " only");
            }
        }

        /** A categorical field reading its own column, min count 1. */
        public static Field categorical(String name) {
            return new Field(name, null, Role.CATEGORICAL, null, 1, 0, null, 0, null, null);
        }

        /** A numeric field with the given transform (bucket: 10 buckets). */
        public static Field numeric(String name, Transform t) {
            return new Field(name, null, Role.NUMERIC, t, 1, t == Transform.BUCKET ? 10 : 0, null, 0, null, null);
        }

        /** A sequence field. */
        public static Field sequence(String name, String separator, int maxLength, String shareVocab) {
            return new Field(name, null, Role.SEQUENCE, null, 1, 0, separator, maxLength, shareVocab, null);
        }

        /** A 0/1 label field. */
        public static Field label(String name) {
            return new Field(name, null, Role.LABEL, null, 1, 0, null, 0, null, null);
        }

        /** A column that is read and dropped. */
        public static Field ignore(String name) {
            return new Field(name, null, Role.IGNORE, null, 1, 0, null, 0, null, null);
        }

        /** This field with another min count. */
        public Field withMinCount(int m) {
            return new Field(name, column, role, transform, m, buckets, itemSeparator, maxLength, shareVocab, positive);
        }

        /** True when the field is one column of the categorical (B, C) array (categorical or log/bucket numeric). */
        public boolean isCategoricalSlot() {
            return role == Role.CATEGORICAL
                    || role == Role.NUMERIC && (transform == Transform.LOG || transform == Transform.BUCKET);
        }

        /** True when the field is one column of the numeric (B, N) array (numeric with none/standard). */
        public boolean isNumericSlot() {
            return role == Role.NUMERIC && (transform == Transform.NONE || transform == Transform.STANDARD);
        }
    }

    /** Validates the whole schema; messages name the field. */
    public CtrSchema {
        if (separator == null || separator.length() != 1) {
            throw new IllegalArgumentException("separator must be one character, got '" + separator + "'");
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
        fields = List.copyOf(fields);
        if (header && !columns.isEmpty()) {
            throw new IllegalArgumentException("columns are given by the header line; do not list them as well");
        }
        if (!header && columns.isEmpty()) {
            throw new IllegalArgumentException("a file without header needs the columns list");
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns list has a duplicate name: " + columns);
        }
        Map<String, Field> byName = new HashMap<>();
        Set<String> usedColumns = new HashSet<>();
        for (Field f : fields) {
            if (byName.put(f.name(), f) != null) {
                throw new IllegalArgumentException("field '" + f.name() + "': duplicate name");
            }
            if (!usedColumns.add(f.column())) {
                throw new IllegalArgumentException("field '" + f.name() + "': column '" + f.column()
                        + "' is already read by another field");
            }
            if (!header && !columns.contains(f.column())) {
                throw new IllegalArgumentException("field '" + f.name() + "': unknown column '" + f.column()
                        + "', not in the columns list");
            }
            if (f.role() == Role.SEQUENCE && f.itemSeparator().equals(separator)) {
                throw new IllegalArgumentException("field '" + f.name() + "': item separator equals the column"
                        + " separator");
            }
        }
        for (Field f : fields) {
            if (f.shareVocab() != null) {
                Field other = byName.get(f.shareVocab());
                if (other == null || other.role() != Role.CATEGORICAL) {
                    throw new IllegalArgumentException("field '" + f.name() + "': share_vocab '" + f.shareVocab()
                            + "' is not a categorical field of the schema");
                }
                if (f.minCount() != 1) {
                    throw new IllegalArgumentException("field '" + f.name() + "': a shared vocabulary takes"
                            + " min_count from '" + f.shareVocab() + "'");
                }
            }
        }
        if (fields.stream().noneMatch(Field::isCategoricalSlot)) {
            throw new IllegalArgumentException("a CTR schema needs at least one categorical field");
        }
        if (fields.stream().noneMatch(f -> f.role() == Role.LABEL)) {
            throw new IllegalArgumentException("a CTR schema needs at least one label field");
        }
        for (String c : columns) {
            if (!usedColumns.contains(c)) {
                throw new IllegalArgumentException("column '" + c + "' has no field; declare it (role ignore to"
                        + " drop it)");
            }
        }
    }

    /** The field called {@code name}. */
    public Field field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field '" + name + "'"));
    }

    /** The label fields, in order (T of them). */
    public List<Field> labels() {
        return fields.stream().filter(f -> f.role() == Role.LABEL).toList();
    }

    /**
     * Matches the fields to a file's columns.
     *
     * @param file   the file (for the message)
     * @param header its column names (the header line, or {@link #columns()})
     * @return for each field, its column index in {@code header}
     * @throws DataFormatException naming the file and the field: a field whose column is missing, a column
     *     no field declares, a duplicated column name
     */
    public int[] bind(Path file, List<String> header) throws DataFormatException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (index.put(header.get(i), i) != null) {
                throw new DataFormatException(file, "line 1", "column '" + header.get(i) + "' appears twice");
            }
        }
        int[] cols = new int[fields.size()];
        for (int f = 0; f < cols.length; f++) {
            Field fd = fields.get(f);
            Integer c = index.remove(fd.column());
            if (c == null) {
                throw new DataFormatException(file, "line 1", "field '" + fd.name() + "': missing column '"
                        + fd.column() + "' (columns: " + String.join(",", header) + ")");
            }
            cols[f] = c;
        }
        if (!index.isEmpty()) {
            String c = header.stream().filter(index::containsKey).findFirst().orElseThrow();
            throw new DataFormatException(file, "line 1", "unknown field: column '" + c + "' is not in the schema;"
                    + " declare it (role ignore to drop it)");
        }
        return cols;
    }

    // ---------------------------------------------------------------- JSON

    private static final Set<String> FILE_KEYS = Set.of("separator", "header", "columns", "quote", "trim", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("name", "column", "role", "transform", "min_count",
            "buckets", "separator", "max_length", "share_vocab", "positive");

    /** Reads a schema file; problems become a {@link DataFormatException} naming the file and the field. */
    public static CtrSchema read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, "schema", e.getMessage(), e);
        }
    }

    /** A schema bundled with this package ({@code /io/github/djlsuite/datasets/ctr/<name>.json}). */
    public static CtrSchema resource(String name) {
        String path = name + ".json";
        try (InputStream in = CtrSchema.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled CTR schema '" + name + "'");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Parses the JSON form in the class javadoc.
     *
     * @throws IllegalArgumentException naming the field (or top-level key) for bad JSON, an unknown key,
     *     a bad role or transform, a wrong option type or value, a duplicate name
     */
    public static CtrSchema parse(String json) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        for (String k : o.keySet()) {
            if (!FILE_KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' (known: " + FILE_KEYS + ")");
            }
        }
        String sep = o.has("separator") ? string(o, "separator", "file") : ",";
        boolean header = !o.has("header") || bool(o, "header", "file");
        List<String> columns = o.has("columns") ? strings(o, "columns", "file") : List.of();
        boolean quote = o.has("quote") && bool(o, "quote", "file");
        boolean trim = o.has("trim") && bool(o, "trim", "file");
        if (!o.has("fields") || !o.get("fields").isJsonArray()) {
            throw new IllegalArgumentException("'fields' must be an array of field objects");
        }
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        for (JsonElement e : o.getAsJsonArray("fields")) {
            pos++;
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("field #" + pos + " is not an object");
            }
            fields.add(field(e.getAsJsonObject(), pos));
        }
        return new CtrSchema(sep, header, columns, quote, trim, fields);
    }

    private static Field field(JsonObject f, int pos) {
        if (!f.has("name")) {
            throw new IllegalArgumentException("field #" + pos + " has no name");
        }
        String name = string(f, "name", "#" + pos);
        String who = "'" + name + "'";
        for (String k : f.keySet()) {
            if (!FIELD_KEYS.contains(k)) {
                throw new IllegalArgumentException("field " + who + ": unknown key '" + k + "' (known: "
                        + FIELD_KEYS + ")");
            }
        }
        if (!f.has("role")) {
            throw new IllegalArgumentException("field " + who + ": no role");
        }
        Role role = enumValue(Role.class, string(f, "role", who), "role", who);
        Transform t = f.has("transform") ? enumValue(Transform.class, string(f, "transform", who), "transform", who)
                : Transform.NONE;
        if (role == Role.NUMERIC && !f.has("transform")) {
            throw new IllegalArgumentException("field " + who + ": numeric fields need a transform"
                    + " (none, standard, log or bucket)");
        }
        int buckets = f.has("buckets") ? integer(f, "buckets", who) : (t == Transform.BUCKET ? 10 : 0);
        return new Field(name, f.has("column") ? string(f, "column", who) : null, role, t,
                f.has("min_count") ? integer(f, "min_count", who) : 1, buckets,
                f.has("separator") ? string(f, "separator", who) : null,
                f.has("max_length") ? integer(f, "max_length", who) : 0,
                f.has("share_vocab") ? string(f, "share_vocab", who) : null,
                f.has("positive") ? strings(f, "positive", who) : null);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v, String key, String who) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        List<String> known = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            known.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("field " + who + ": bad " + key + " '" + v + "' (one of " + known + ")");
    }

    private static String string(JsonObject o, String key, String who) {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("field " + who + ": '" + key + "' must be a string, got " + e);
        }
        return e.getAsString();
    }

    private static boolean bool(JsonObject o, String key, String who) {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(who + ": '" + key + "' must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    private static int integer(JsonObject o, String key, String who) {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()
                || e.getAsDouble() != Math.rint(e.getAsDouble())) {
            throw new IllegalArgumentException("field " + who + ": '" + key + "' must be an integer, got " + e);
        }
        return e.getAsInt();
    }

    private static List<String> strings(JsonObject o, String key, String who) {
        JsonElement e = o.get(key);
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("field " + who + ": '" + key + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("field " + who + ": '" + key + "' must hold strings, got " + x);
            }
            out.add(x.getAsString());
        }
        return out;
    }

    /** The JSON form (only non-default options are written); {@link #parse(String)} reads it back equal. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJsonObject());
    }

    JsonObject toJsonObject() {
        JsonObject o = new JsonObject();
        o.addProperty("separator", separator);
        o.addProperty("header", header);
        if (!columns.isEmpty()) {
            o.add("columns", array(columns));
        }
        if (quote) {
            o.addProperty("quote", true);
        }
        if (trim) {
            o.addProperty("trim", true);
        }
        JsonArray fs = new JsonArray();
        for (Field f : fields) {
            JsonObject j = new JsonObject();
            j.addProperty("name", f.name());
            if (!f.column().equals(f.name())) {
                j.addProperty("column", f.column());
            }
            j.addProperty("role", f.role().name().toLowerCase(Locale.ROOT));
            if (f.role() == Role.NUMERIC) {
                j.addProperty("transform", f.transform().name().toLowerCase(Locale.ROOT));
            }
            if (f.buckets() != 0) {
                j.addProperty("buckets", f.buckets());
            }
            if (f.minCount() != 1) {
                j.addProperty("min_count", f.minCount());
            }
            if (f.itemSeparator() != null) {
                j.addProperty("separator", f.itemSeparator());
                j.addProperty("max_length", f.maxLength());
            }
            if (f.shareVocab() != null) {
                j.addProperty("share_vocab", f.shareVocab());
            }
            if (!f.positive().isEmpty()) {
                j.add("positive", array(f.positive()));
            }
            fs.add(j);
        }
        o.add("fields", fs);
        return o;
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
