package io.github.djlsuite.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The 60 papers of the suite and their real status: a paper is implemented exactly when a
 * {@link Reproduction} with its id is on the class path.
 */
public final class Catalog {

    /** One catalogue row. */
    public record Entry(String id, String family, String title, Reproduction reproduction) {

        /** True when a reproduction for this paper is on the class path. */
        public boolean implemented() {
            return reproduction != null;
        }

        /** "implemented" or "not yet". */
        public String status() {
            return implemented() ? "implemented" : "not yet";
        }
    }

    private final Map<String, Entry> entries;

    private Catalog(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Reads the catalogue resource and finds reproductions with {@link ServiceLoader}. */
    public static Catalog load() {
        Map<String, Reproduction> found = new LinkedHashMap<>();
        for (Reproduction r : ServiceLoader.load(Reproduction.class)) {
            found.put(r.id(), r);
        }
        Map<String, Entry> rows = new LinkedHashMap<>();
        try (InputStream in = Catalog.class.getResourceAsStream("catalog.tsv")) {
            if (in == null) {
                throw new IllegalStateException("catalog.tsv is missing from suite-core's resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.put(f[0], new Entry(f[0], f[1], f[2], found.remove(f[0])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException("reproductions without a catalogue entry: " + found.keySet());
        }
        return new Catalog(rows);
    }

    /** Every paper, in catalogue order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The implemented papers, in catalogue order. */
    public List<Entry> implemented() {
        return entries.values().stream().filter(Entry::implemented).toList();
    }

    /** The entry for {@code id}, if the catalogue has it. */
    public Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /**
     * The entry for {@code id}, or an {@link IllegalArgumentException} that names the closest ids.
     */
    public Entry require(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            throw new IllegalArgumentException("unknown paper '" + id + "'; closest: "
                    + String.join(", ", closest(id, 3)) + " (suite list shows all)");
        }
        return e;
    }

    /** The {@code n} ids with the smallest edit distance to {@code id}. */
    public List<String> closest(String id, int n) {
        List<String> ids = new ArrayList<>(entries.keySet());
        ids.sort(Comparator.comparingInt((String s) -> distance(id, s)).thenComparing(s -> s));
        return Collections.unmodifiableList(ids.subList(0, Math.min(n, ids.size())));
    }

    /** The README's table of papers and their status, as Markdown. */
    public String markdownTable() {
        StringBuilder sb = new StringBuilder("| id | family | paper | status |\n|---|---|---|---|\n");
        for (Entry e : entries.values()) {
            String id = e.implemented() ? "[" + e.id() + "](docs/papers/" + e.id() + "/README.md)" : e.id();
            sb.append("| ").append(id).append(" | ").append(e.family()).append(" | ")
                    .append(e.title().replace("|", "\\|")).append(" | ").append(e.status()).append(" |\n");
        }
        return sb.toString();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
