package io.sedstream.sed.dust;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** The attenuation curves a model file may name under {@code dust = ...}, as A_lambda / A_V of lambda in Angstrom. */
public enum DustLaw {
    /** Calzetti et al. (2000) starburst curve with the Leitherer et al. (2002) far-UV extension. */
    CALZETTI2000("calzetti2000", Calzetti2000::relativeAttenuation),
    /** Gordon et al. (2003) SMC Bar average: steeper in the UV, no 2175 A bump. */
    SMC_BAR_GORDON2003("smc-bar-gordon2003", SmcBarGordon2003::relativeAttenuation);

    private final String configName;
    private final DoubleUnaryOperator relativeAttenuation;

    DustLaw(String configName, DoubleUnaryOperator relativeAttenuation) {
        this.configName = configName;
        this.relativeAttenuation = relativeAttenuation;
    }

    public String configName() {
        return configName;
    }

    /** A_lambda / A_V at {@code lambdaAngstrom}. */
    public double relativeAttenuation(double lambdaAngstrom) {
        return relativeAttenuation.applyAsDouble(lambdaAngstrom);
    }

    /** The law a model file names, or an exception listing the known names. */
    public static DustLaw byName(String name) {
        for (DustLaw law : values()) {
            if (law.configName.equals(name)) {
                return law;
            }
        }
        throw new IllegalArgumentException("dust '" + name + "' unknown (known: " + names() + ")");
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(DustLaw::configName).toList();
    }
}
