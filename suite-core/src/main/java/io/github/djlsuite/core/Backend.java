package io.github.djlsuite.core;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * An engine and a device, as chosen by {@link Backends#resolve}. Everything the suite creates
 * (models, managers, datasets) is created through a Backend, so the engine is always named and
 * DJL's own default engine is never used.
 *
 * @param engineName the DJL engine name, "PyTorch" or "MXNet"
 * @param device     the device arrays and parameters live on
 */
public record Backend(String engineName, Device device) {

    /** The DJL engine. */
    public Engine engine() {
        return Engine.getEngine(engineName);
    }

    /** A new root manager on this engine and device; the caller closes it. */
    public NDManager newManager() {
        return engine().newBaseManager(device);
    }

    /** Seeds the engine's random generator (initialisers, dropout) and DJL's Java-side sampler. */
    public void seed(long seed) {
        engine().setRandomSeed((int) seed);
    }

    @Override
    public String toString() {
        return engineName + " " + engine().getVersion() + " on " + device;
    }
}
