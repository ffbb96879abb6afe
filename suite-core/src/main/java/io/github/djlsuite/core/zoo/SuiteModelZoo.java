package io.github.djlsuite.core.zoo;

import ai.djl.repository.zoo.ModelZoo;
import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.Architectures;
import java.util.Set;

/**
 * The suite's {@link ModelZoo}: group {@value ZooRepository#GROUP_ID}, one {@link SuiteModelLoader}
 * per registered {@link Architecture} (artifact id = architecture id), engines PyTorch and MXNet.
 *
 * <p>DJL creates the zoo once per process through {@link SuiteZooProvider}. Unlike a zoo that binds
 * its repository in the constructor, this one resolves the repository on every load
 * ({@link ZooRepository#fromEnvironment()}: {@code suite.zoo}, {@code SUITE_ZOO},
 * {@code ~/.djl-suite/zoo}), so changing the property later takes effect. A zoo bound to one
 * repository is made with {@link #SuiteModelZoo(ZooRepository)} and passed to
 * {@code Criteria.optModelZoo}.
 */
public final class SuiteModelZoo extends ModelZoo {

    private final ZooRepository fixed;

    /** The zoo over the repository named by the environment at each load. */
    public SuiteModelZoo() {
        this(null);
    }

    /** The zoo over {@code repository} (null: the environment's at each load). */
    public SuiteModelZoo(ZooRepository repository) {
        this.fixed = repository;
        for (Architecture a : Architectures.all()) {
            addModel(new SuiteModelLoader(this, a));
        }
    }

    /** The repository loads read from now. */
    public ZooRepository repository() {
        return fixed != null ? fixed : ZooRepository.fromEnvironment();
    }

    @Override
    public String getGroupId() {
        return ZooRepository.GROUP_ID;
    }

    @Override
    public Set<String> getSupportedEngines() {
        return Set.copyOf(Backends.SUPPORTED);
    }
}
