package io.github.djlsuite.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The architectures on the class path, found with {@link ServiceLoader}. */
public final class Architectures {

    private Architectures() {}

    /** Every registered architecture, sorted by id. */
    public static List<Architecture> all() {
        List<Architecture> list = new ArrayList<>();
        ServiceLoader.load(Architecture.class).forEach(list::add);
        list.sort(Comparator.comparing(Architecture::id));
        return list;
    }

    /** The architecture called {@code id}. */
    public static Optional<Architecture> find(String id) {
        return all().stream().filter(a -> a.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The architecture called {@code id}, or an error listing the known ids. */
    public static Architecture require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no architecture called '" + id
                + "'; known: " + String.join(", ", all().stream().map(Architecture::id).toList())
                + " (suite train --list)"));
    }
}
