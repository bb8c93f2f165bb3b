package io.sedstream.inference.bundle;

/**
 * Which model one side of an evidence network stands for: the name and version of the model (as
 * the NPE bundle serving it is named, e.g. {@code default} / {@code 1.0.0}) and the forward-model
 * name its training simulations came from (as {@code simulate --model} takes it).
 */
public record ModelIdentity(String name, String version, String forwardModel) {
    public ModelIdentity {
        require(name, "name");
        require(version, "version");
        require(forwardModel, "forwardModel");
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidModelBundleException("model identity: " + field + " must be non-blank");
        }
    }

    /** "name version (forward model f)". */
    public String label() {
        return name + " " + version + " (forward model " + forwardModel + ")";
    }
}
