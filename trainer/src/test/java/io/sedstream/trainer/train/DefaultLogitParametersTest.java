package io.sedstream.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sedstream.sed.model.OutputParameter;
import org.junit.jupiter.api.Test;

class DefaultLogitParametersTest {
    @Test
    void theOptionHelpNamesExactlyTheTablesDefaultLogitParameters() {
        assertEquals(OutputParameter.logitByDefaultNames(), TrainingRun.DEFAULT_LOGIT);
        assertEquals(String.join(", ", OutputParameter.logitByDefaultNames()), TrainingRun.DEFAULT_LOGIT_TEXT);
    }
}
