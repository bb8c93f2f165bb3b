package io.sedstream.streams.validation;

import io.sedstream.inference.bundle.ParameterSpec;
import java.util.List;

/**
 * The model's redshift prior [lower, upper]: a spectroscopic redshift outside it cannot be the galaxy's redshift
 * under that model, so the row is refused rather than fitted as if it were absent.
 */
public record SpecZPrior(double lower, double upper) {

    /** The bounds of the parameter named {@code redshift}, or null when the model has none. */
    public static SpecZPrior of(List<ParameterSpec> parameters) {
        for (ParameterSpec p : parameters) {
            if (p.name().equals(io.sedstream.inference.Estimator.REDSHIFT_PARAMETER)) {
                return new SpecZPrior(p.lower(), p.upper());
            }
        }
        return null;
    }

    /** Why {@code specZ} is refused, or null when it is absent or inside the prior. */
    public String problem(Double specZ) {
        if (specZ == null) {
            return null;
        }
        if (!Double.isFinite(specZ) || specZ < lower || specZ > upper) {
            return "spec_z " + specZ + " is outside the model's redshift prior [" + lower + ", " + upper + "]";
        }
        return null;
    }
}
