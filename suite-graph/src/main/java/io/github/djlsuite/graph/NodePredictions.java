package io.github.djlsuite.graph;

import ai.djl.modality.Classifications;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The class probabilities of every node of one graph, as a node classifier served through the zoo
 * returns them ({@link NodeClassificationTranslator}): a matrix P (N, C) whose row i is
 * {@code softmax(z_i)} of node i's logits, with the model's class names.
 *
 * <p>Nodes are numbered as in the input {@link io.github.djlsuite.datasets.graph.Graph} (0..N-1); classes
 * in the model's output order. Ties in {@link #argmax} go to the lower class index (as
 * {@link GcnBaseline#accuracy} does).
 */
public final class NodePredictions {

    private final float[][] probabilities;
    private final List<String> classNames;

    /**
     * @param probabilities P (N, C), row i the distribution of node i (copied)
     * @param classNames    C names in output order
     * @throws IllegalArgumentException if a row's length is not C
     */
    public NodePredictions(float[][] probabilities, List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        this.probabilities = new float[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i].length != this.classNames.size()) {
                throw new IllegalArgumentException("node " + i + " has " + probabilities[i].length
                        + " probabilities, expected one per class " + this.classNames);
            }
            this.probabilities[i] = probabilities[i].clone();
        }
    }

    /** Number of nodes N. */
    public int numNodes() {
        return probabilities.length;
    }

    /** Number of classes C. */
    public int numClasses() {
        return classNames.size();
    }

    /** The class names in output order. */
    public List<String> classNames() {
        return classNames;
    }

    /** P (N, C), a copy. */
    public float[][] probabilities() {
        float[][] out = new float[probabilities.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities[i].clone();
        }
        return out;
    }

    /** Node {@code node}'s distribution over the classes (C), a copy. */
    public float[] probabilities(int node) {
        return row(node).clone();
    }

    /** {@code P[node][k]}. */
    public float probability(int node, int k) {
        return row(node)[Objects.checkIndex(k, classNames.size())];
    }

    /** The most probable class of {@code node} (lowest index on ties). */
    public int argmax(int node) {
        float[] p = row(node);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** {@link #argmax(int)} of every node (N). */
    public int[] argmax() {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = argmax(i);
        }
        return out;
    }

    /** The name of {@code node}'s most probable class. */
    public String bestClass(int node) {
        return classNames.get(argmax(node));
    }

    /** Node {@code node}'s distribution as DJL {@link Classifications} (names, probabilities). */
    public Classifications classifications(int node) {
        float[] p = row(node);
        List<Double> probs = new ArrayList<>(p.length);
        for (float v : p) {
            probs.add((double) v);
        }
        return new Classifications(classNames, probs);
    }

    private float[] row(int node) {
        return probabilities[Objects.checkIndex(node, probabilities.length)];
    }

    @Override
    public String toString() {
        return "NodePredictions[" + numNodes() + " nodes x " + numClasses() + " classes " + classNames + "]";
    }
}
