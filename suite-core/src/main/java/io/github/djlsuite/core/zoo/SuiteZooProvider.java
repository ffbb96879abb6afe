package io.github.djlsuite.core.zoo;

import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooProvider;

/**
 * Registers {@link SuiteModelZoo} with DJL (file
 * {@code META-INF/services/ai.djl.repository.zoo.ZooProvider}), so that
 * {@code Criteria.builder().optGroupId("io.github.djlsuite").optArtifactId("mlp")} finds the suite's
 * models without further setup.
 */
public final class SuiteZooProvider implements ZooProvider {

    @Override
    public String getName() {
        return "djl-suite";
    }

    @Override
    public ModelZoo getModelZoo() {
        return new SuiteModelZoo();
    }
}
