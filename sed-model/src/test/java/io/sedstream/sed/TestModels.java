package io.sedstream.sed;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.filter.FilterSets;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ModelConfig;

/** Models shared by the tests (built once per JVM: loading the SPS grid takes about a second). */
public final class TestModels {
    private TestModels() {
    }

    public static DataRoot data() {
        return DataRoot.resolve();
    }

    private static final class DefaultHolder {
        static final ForwardModel MODEL = ForwardModel.load(ModelConfig.load("default"), jades(), data());
    }

    private static final class JadesHolder {
        static final FilterSet SET = FilterSets.load(FilterSets.JADES_GS_14, data());
    }

    /** The default model with the jades-gs-14 bands. */
    public static ForwardModel defaultModel() {
        return DefaultHolder.MODEL;
    }

    public static FilterSet jades() {
        return JadesHolder.SET;
    }
}
