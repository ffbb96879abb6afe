package io.github.djlsuite.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A dataset made ready for training: its name, kind and the kind's payload.
 *
 * <p>The payload's type follows the kind: {@link VectorData} for {@link DataKind#VECTORS},
 * {@link TokenData} for {@link DataKind#TOKENS}, the datasets module's {@code graph.Graph} for
 * {@link DataKind#GRAPH} and its {@code ctr.CtrData} for {@link DataKind#CTR}. Architectures read it with {@link #payload(Class, String)}.
 *
 * @param name    the dataset's name as the user gave it (e.g. {@code mnist}, {@code cora}, a CSV path)
 * @param kind    what the data is
 * @param payload the data
 * @param caveats warnings from the dataset's README that the user must see (may be empty)
 */
public record TaskData(String name, DataKind kind, Object payload, List<String> caveats) {

    public TaskData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        caveats = List.copyOf(caveats);
    }

    /** The payload as {@code type}, or a clear error naming the architecture and the mismatch. */
    public <T> T payload(Class<T> type, String architecture) {
        if (!type.isInstance(payload)) {
            throw new IllegalArgumentException(String.format("%s cannot train on %s: it is %s (%s), not %s",
                    architecture, name, kind.description(), payload.getClass().getSimpleName(),
                    type.getSimpleName()));
        }
        return type.cast(payload);
    }
}
