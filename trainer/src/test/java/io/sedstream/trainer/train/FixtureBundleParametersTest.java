package io.sedstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.sed.model.OutputParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture bundle (inference, which cannot see sed-model) reports exactly the forward model's output table. */
class FixtureBundleParametersTest {
    @Test
    void theFixturesParametersAreTheOutputTableInOrderWithItsUnits() {
        List<ParameterSpec> fixture = FixtureBundleWriter.defaultParameters();
        assertEquals(OutputParameter.names(), fixture.stream().map(ParameterSpec::name).toList());
        assertEquals(OutputParameter.all().stream().map(OutputParameter::unit).toList(), fixture.stream().map(ParameterSpec::unit).toList());
    }
}
