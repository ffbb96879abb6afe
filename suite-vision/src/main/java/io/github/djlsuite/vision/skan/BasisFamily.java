package io.github.djlsuite.vision.skan;

import java.util.function.Supplier;

/**
 * The basis-function families of the S-KAN pool, each with its display name and the spec's
 * default basis.
 */
public enum BasisFamily {
    /** Cubic B-splines on 5 intervals over [-1, 1]: 8 functions. */
    BSPLINE("B-spline", () -> BSplineBasis.builder().build()),
    /** Chebyshev polynomials T_0..T_4 of tanh(x): 5 functions. */
    CHEBYSHEV("Chebyshev", () -> ChebyshevBasis.builder().build()),
    /** 8 Gaussian bumps evenly spaced over [-2, 2]: 8 functions. */
    RBF("Gaussian RBF", () -> GaussianRbfBasis.builder().build()),
    /** cos(kx), sin(kx) for k = 1..4: 8 functions. */
    FOURIER("Fourier", () -> FourierBasis.builder().build()),
    /** 8 Mexican-hat wavelets with learnable scales and shifts: 8 functions. */
    WAVELET("Mexican-hat wavelet", () -> MexicanHatWaveletBasis.builder().build());

    private final String displayName;
    private final Supplier<BasisFunction> defaultBasis;

    BasisFamily(String displayName, Supplier<BasisFunction> defaultBasis) {
        this.displayName = displayName;
        this.defaultBasis = defaultBasis;
    }

    /** The family's name as the paper writes it, e.g. "Gaussian RBF". */
    public String displayName() {
        return displayName;
    }

    /** A new basis of this family with the spec's default settings (a new Block each call). */
    public BasisFunction newBasis() {
        return defaultBasis.get();
    }
}
