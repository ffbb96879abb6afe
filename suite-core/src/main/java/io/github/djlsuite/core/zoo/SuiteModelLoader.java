package io.github.djlsuite.core.zoo;

import ai.djl.Application;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.repository.MRL;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Progress;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.SavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Loads one architecture's models from the zoo's repository: picks the newest version whose
 * properties match the criteria's filters ({@code optFilter("version", "0.1.0")},
 * {@code optFilter("dataset", "uci/iris")}), fetches and sha256-checks its files
 * ({@link ZooRepository#fetch}), rebuilds the Block from the stored builder arguments through the
 * {@link Architecture}, loads the parameters on the criteria's engine (default: {@code SUITE_ENGINE},
 * else PyTorch; never DJL's default) and device, and attaches the translator that
 * {@link SuiteTranslatorFactory} gives (the architecture's own, else the one for the model's data
 * kind), unless the criteria bring their own. Files the architecture needs for serving
 * ({@link Architecture#servingFiles}, e.g. a CTR model's {@code encoder.json}) are fetched and
 * verified with the parameters and read by its translator from {@code model.getModelPath()}.
 *
 * <p>The version's builder arguments and properties are copied into {@code model.getProperty}; where
 * both have a name, the published property wins ({@code classes}: the class names, not the count).
 * Errors: no such artifact or version in the repository, or no translator for the requested types:
 * {@link ModelNotFoundException} (DJL's {@code Criteria.loadModel()} wraps it; the cause names
 * what is missing); an unreadable repository or a file that fails verification: {@link ZooException}.
 */
public final class SuiteModelLoader implements ModelLoader {

    private final SuiteModelZoo zoo;
    private final Architecture architecture;

    SuiteModelLoader(SuiteModelZoo zoo, Architecture architecture) {
        this.zoo = zoo;
        this.architecture = architecture;
    }

    @Override
    public String getGroupId() {
        return ZooRepository.GROUP_ID;
    }

    @Override
    public String getArtifactId() {
        return architecture.id();
    }

    @Override
    public Application getApplication() {
        return ZooRepository.application(architecture);
    }

    @Override
    public MRL getMrl() {
        return MRL.model(zoo.repository().djlRepository(), getApplication(), getGroupId(), getArtifactId(), null,
                architecture.id());
    }

    /** The version the criteria select (newest matching the filters). */
    ZooMetadata.Entry select(ZooRepository repo, Map<String, String> filters) throws IOException, ModelNotFoundException {
        ZooMetadata meta = repo.metadata(architecture.id()).orElseThrow(() -> new ModelNotFoundException(
                "the zoo repository " + repo + " has no " + architecture.id() + " (publish one with: suite zoo publish "
                        + architecture.id() + " --zoo " + repo + ")"));
        return meta.newest(filters).orElseThrow(() -> new ModelNotFoundException("no version of "
                + architecture.id() + " in " + repo + " matches " + filters + "; versions: "
                + meta.versions().stream().map(e -> e.version() + " " + e.properties()).toList()));
    }

    @Override
    public <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria)
            throws IOException, ModelNotFoundException, MalformedModelException {
        ZooRepository repo = zoo.repository();
        ZooMetadata.Entry version = select(repo, criteria.getFilters());
        DataKind kind;
        try {
            kind = DataKind.valueOf(version.property("kind"));
        } catch (RuntimeException e) {
            kind = ZooRepository.primaryKind(architecture);
        }
        String shape = version.property("inputShape");
        int inputs = shape == null ? -1 : Integer.parseInt(shape.substring(shape.lastIndexOf(',') + 1).trim());
        List<String> classes = classes(version);
        TranslatorFactory factory = criteria.getTranslatorFactory();
        if (factory == null) {
            factory = new SuiteTranslatorFactory(kind, inputs, classes,
                    architecture.translatorFactory(version.arguments()));
        }
        Class<I> in = criteria.getInputClass();
        Class<O> out = criteria.getOutputClass();
        if (!factory.isSupported(in, out)) {
            throw new ModelNotFoundException(architecture.id() + " " + version.version() + " has no translator from "
                    + in.getSimpleName() + " to " + out.getSimpleName() + "; supported: "
                    + (factory instanceof SuiteTranslatorFactory s ? s.describeSupportedTypes() : factory.getSupportedTypes()));
        }
        Backend backend;
        try {
            backend = Backends.resolve(criteria.getEngine(), null);
        } catch (IllegalArgumentException e) {
            throw new ModelNotFoundException(e.getMessage(), e);
        }
        if (criteria.getDevice() != null) {
            backend = new Backend(backend.engineName(), criteria.getDevice());
        }
        Progress progress = criteria.getProgress();
        Path dir = repo.fetch(version, progress != null);
        SavedModel saved = SavedModel.read(dir);
        if (!saved.architecture().equals(architecture.id())) {
            throw new ZooException(dir + " holds a " + saved.architecture() + " model, not " + architecture.id());
        }
        Model model = saved.load(backend);
        try {
            // builder arguments first, then the published properties, which win where a name is shared
            // ("classes" is a count among the arguments and the class names among the properties)
            saved.config().entrySet().forEach(e -> model.setProperty(e.getKey(), e.getValue().isJsonPrimitive()
                    ? e.getValue().getAsString() : e.getValue().toString()));
            version.properties().forEach((k, v) -> {
                if (v != null) {
                    model.setProperty(k, v);
                }
            });
            Translator<I, O> translator = factory.newInstance(in, out, model, criteria.getArguments());
            return new ZooModel<>(model, translator);
        } catch (TranslateException e) {
            model.close();
            throw new ModelNotFoundException("no matching translator for " + architecture.id() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The class names of a version: stored names, else {@code 0..classes-1} from the arguments. */
    static List<String> classes(ZooMetadata.Entry version) {
        List<String> names = new ArrayList<>(ZooRepository.classes(version));
        if (names.isEmpty() && version.arguments().has("classes")) {
            IntStream.range(0, version.arguments().get("classes").getAsInt()).forEach(i -> names.add(Integer.toString(i)));
        }
        return names;
    }

    @Override
    public <I, O> boolean isDownloaded(Criteria<I, O> criteria) throws IOException, ModelNotFoundException {
        ZooRepository repo = zoo.repository();
        return repo.isFetched(select(repo, criteria.getFilters()));
    }

    @Override
    public <I, O> void downloadModel(Criteria<I, O> criteria, Progress progress) throws IOException, ModelNotFoundException {
        ZooRepository repo = zoo.repository();
        repo.fetch(select(repo, criteria.getFilters()), progress != null);
    }

    @Override
    public String toString() {
        return "djl://" + getGroupId() + "/" + getArtifactId() + " (" + getApplication().getPath() + ")";
    }
}
