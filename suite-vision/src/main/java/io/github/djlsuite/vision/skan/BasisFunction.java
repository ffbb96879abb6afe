package io.github.djlsuite.vision.skan;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A set of G univariate basis functions applied to every input feature: the expansion
 * {@code phi[b, i, g] = B_g(x[b, i])}, input (B, D) to output (B, D, G). Any leading axes are kept;
 * the last input axis is the feature axis D.
 *
 * <p>A basis is a Block so that a family with learnable parameters (the wavelet's scales and
 * shifts) registers them as ordinary DJL parameters of the {@link KanLinear} that owns it, and
 * they are trained, saved and loaded with it. Fixed families have no parameters. Each instance
 * belongs to exactly one layer; use {@link BasisFamily#newBasis()} for a fresh one.
 *
 * <p>Constants (knots, centres, frequencies) are created on the input's manager from a
 * {@code float[]} in every forward pass, so they never appear in a parameter file.
 */
public abstract class BasisFunction extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Creates a basis; subclasses register their learnable parameters in their constructor. */
    protected BasisFunction() {
        super(VERSION);
    }

    /** The family this basis belongs to. */
    public abstract BasisFamily family();

    /** G, the number of basis functions per input feature. */
    public abstract int size();

    /** The settings that define the functions, e.g. {@code BSplineBasis(grid=5, order=3, range=[-1.0, 1.0])}. */
    @Override
    public abstract String toString();

    /** (B, D) to (B, D, G). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(size())};
    }

    /** Writes the input shapes and {@link #toString()}, which {@link #loadMetadata} checks. */
    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeUTF(toString());
    }

    /** Rejects a file written by a basis with other settings. */
    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException(getClass().getSimpleName() + " version " + loadVersion
                    + " unsupported, expected " + VERSION);
        }
        readInputShapes(is);
        String saved = is.readUTF();
        if (!saved.equals(toString())) {
            throw new MalformedModelException("parameters were saved for " + saved + ", this block is " + this);
        }
    }

    /** Rejects a range that is not finite with min &lt; max; shared by the bases defined on an interval. */
    static void checkRange(float min, float max) {
        if (!(Float.isFinite(min) && Float.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("range must be finite with min < max, got [" + min + ", " + max + "]");
        }
    }
}
