package io.github.djlsuite.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.List;

/**
 * Sequence classification data as padded token ids: the payload of {@link DataKind#TOKENS}.
 *
 * <p>Each part holds {@code n} rows of exactly {@code maxLength} ids, row-major {@code (n, L)}: a
 * row's real tokens first, then {@link #PAD} (id 0) to the end. Rows longer than {@code L} were cut
 * by the loader (the {@code splitNote} says how many). The constructor checks every id against the
 * vocabulary, that padding only trails, and that every row has at least one real token.
 *
 * @param trainIds      training ids (n_train, L), row-major, PAD-padded
 * @param trainY        training labels in {@code 0..classes-1}
 * @param validIds      validation ids (may be empty)
 * @param validY        validation labels
 * @param testIds       test ids
 * @param testY         test labels
 * @param maxLength     L, the padded length
 * @param vocabulary    token text by id; id 0 is the padding token
 * @param droppedTokens surface tokens the loader removed before looking ids up (e.g. ListOps'
 *                      parentheses); a translator drops them from text input too (may be empty)
 * @param classNames    one name per class
 * @param splitNote     how the parts were made, padding and truncation (printed with the results)
 */
public record TokenData(int[] trainIds, int[] trainY, int[] validIds, int[] validY, int[] testIds, int[] testY,
        int maxLength, List<String> vocabulary, List<String> droppedTokens, List<String> classNames,
        String splitNote) {

    /** The padding id. */
    public static final int PAD = 0;

    /** The three parts. */
    public enum Part { TRAIN, VALIDATION, TEST }

    public TokenData {
        vocabulary = List.copyOf(vocabulary);
        droppedTokens = List.copyOf(droppedTokens);
        classNames = List.copyOf(classNames);
        if (maxLength <= 0 || vocabulary.size() < 2 || classNames.isEmpty()) {
            throw new IllegalArgumentException("need maxLength > 0, a vocabulary of padding + at least one token and"
                    + " one class, got " + maxLength + ", " + vocabulary.size() + ", " + classNames.size());
        }
        check("train", trainIds, trainY, maxLength, vocabulary.size(), classNames.size());
        check("validation", validIds, validY, maxLength, vocabulary.size(), classNames.size());
        check("test", testIds, testY, maxLength, vocabulary.size(), classNames.size());
    }

    private static void check(String part, int[] ids, int[] y, int length, int vocab, int classes) {
        if (ids.length != (long) y.length * length) {
            throw new IllegalArgumentException(part + ": " + ids.length + " ids for " + y.length + " labels of "
                    + length + " tokens");
        }
        for (int r = 0; r < y.length; r++) {
            if (y[r] < 0 || y[r] >= classes) {
                throw new IllegalArgumentException(part + " row " + r + ": label " + y[r] + " is outside 0.."
                        + (classes - 1));
            }
            boolean padding = false;
            for (int k = 0; k < length; k++) {
                int id = ids[r * length + k];
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException(part + " row " + r + ", position " + k + ": id " + id
                            + " is outside the vocabulary 0.." + (vocab - 1));
                }
                if (id == PAD) {
                    padding = true;
                } else if (padding) {
                    throw new IllegalArgumentException(part + " row " + r + ", position " + k + ": token after"
                            + " padding (PAD must only trail)");
                }
            }
            if (length > 0 && ids[r * length] == PAD) {
                throw new IllegalArgumentException(part + " row " + r + " has no tokens");
            }
        }
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** Vocabulary size V, padding included. */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** Number of examples in a part. */
    public int size(Part part) {
        return labels(part).length;
    }

    /** A part's labels (the array itself, not a copy). */
    public int[] labels(Part part) {
        return switch (part) {
            case TRAIN -> trainY;
            case VALIDATION -> validY;
            case TEST -> testY;
        };
    }

    /** A part's ids, (n, L) row-major (the array itself, not a copy). */
    public int[] ids(Part part) {
        return switch (part) {
            case TRAIN -> trainIds;
            case VALIDATION -> validIds;
            case TEST -> testIds;
        };
    }

    /**
     * A part as a DJL dataset: data int32 (n, L), labels float32 (n) (DJL's softmax cross-entropy
     * and Accuracy take float class indices), or null for an empty part.
     */
    public ArrayDataset dataset(Part part, NDManager manager, int batchSize, boolean shuffle) {
        int[] y = labels(part);
        if (y.length == 0) {
            return null;
        }
        float[] yf = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            yf[i] = y[i];
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(ids(part), new Shape(y.length, maxLength)))
                .optLabels(manager.create(yf, new Shape(y.length)))
                .setSampling(batchSize, shuffle)
                .build();
    }
}
