package io.sedstream.trainer.misfit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The misfit calibration's quantile table: linear interpolation between order statistics, ends included. */
class QuantileTableTest {

    @Test
    void equallySpacedQuantilesOfUnsortedValues() {
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, FitMisfitCommand.quantileTable(new double[] {4, 0, 3, 1, 2}, 5), 1e-12);
        // between two values the table interpolates: quantile 0.25 of {0, 10} is 2.5
        assertArrayEquals(new double[] {0, 2.5, 5, 7.5, 10}, FitMisfitCommand.quantileTable(new double[] {10, 0}, 5), 1e-12);
        assertArrayEquals(new double[] {3, 3, 3}, FitMisfitCommand.quantileTable(new double[] {3}, 3), 0.0);
    }
}
