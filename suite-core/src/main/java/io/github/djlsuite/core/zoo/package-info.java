/**
 * The suite's model zoo: trained suite models published into a repository in DJL's layout and
 * loaded back the DJL way.
 *
 * <pre>{@code
 * Criteria<float[], Classifications> criteria = Criteria.builder()
 *         .setTypes(float[].class, Classifications.class)
 *         .optGroupId("io.github.djlsuite").optArtifactId("mlp")
 *         .optEngine("PyTorch").build();
 * try (ZooModel<float[], Classifications> model = criteria.loadModel();
 *         Predictor<float[], Classifications> predictor = model.newPredictor()) {
 *     Classifications c = predictor.predict(features);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.github.djlsuite.core.zoo.ZooRepository}: a folder or http(s) URL; publish (immutable
 *       versions), list, fetch with sha256 verification and a download cache;</li>
 *   <li>{@link io.github.djlsuite.core.zoo.ZooMetadata}: {@code metadata.json} (DJL's format plus sha256);</li>
 *   <li>{@link io.github.djlsuite.core.zoo.SuiteZooProvider}, {@link io.github.djlsuite.core.zoo.SuiteModelZoo},
 *       {@link io.github.djlsuite.core.zoo.SuiteModelLoader}: the DJL zoo SPI, one loader per architecture;</li>
 *   <li>{@link io.github.djlsuite.core.zoo.SuiteTranslatorFactory}, {@link io.github.djlsuite.core.zoo.VectorTranslator}:
 *       translators per data kind (feature vectors now; CTR, graph and token kinds not yet).</li>
 * </ul>
 * See {@code docs/zoo.md}.
 */
package io.github.djlsuite.core.zoo;
