package io.sedstream.trainer.nested;

import io.sedstream.sed.prior.Prior;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit-cube transform of a forward model's {@link Prior}: uniform parameters map linearly to
 * their bounds; a block of cumulative flat-Dirichlet quantile times (Dense Basis t25, t50, t75)
 * maps through {@link SortedUniforms}, one-to-one. Pushes the uniform cube measure forward to
 * exactly the prior that {@link Prior#sample} draws from (checked in its test).
 */
public final class SedPriorTransform implements PriorTransform {

    private static final Pattern DIRICHLET =
            Pattern.compile("cumulative flat-Dirichlet\\(alpha=([0-9.eE+-]+), (\\d+)\\) component (\\d+)");

    private final List<String> names;
    private final double[] lower;
    private final double[] width;
    /** start of the sorted-uniform block holding each index, or -1 for a uniform parameter */
    private final int[] blockStart;
    private final int[] blockLength;

    private SedPriorTransform(List<String> names, double[] lower, double[] width, int[] blockStart, int[] blockLength) {
        this.names = List.copyOf(names);
        this.lower = lower;
        this.width = width;
        this.blockStart = blockStart;
        this.blockLength = blockLength;
    }

    /** Builds the transform; a prior distribution it cannot invert is an error naming the parameter. */
    public static SedPriorTransform of(Prior prior) {
        int d = prior.size();
        List<String> names = prior.names();
        double[] lower = new double[d];
        double[] width = new double[d];
        int[] blockStart = new int[d];
        int[] blockLength = new int[d];
        int i = 0;
        while (i < d) {
            String description = prior.describe(i);
            if (description.startsWith("uniform(")) {
                lower[i] = prior.lower(i);
                width[i] = prior.upper(i) - prior.lower(i);
                blockStart[i] = -1;
                i++;
                continue;
            }
            Matcher m = DIRICHLET.matcher(description);
            if (!m.matches()) {
                throw new IllegalArgumentException("prior of '" + names.get(i) + "' is '" + description
                        + "': the nested sampler can only invert uniform and flat-Dirichlet (alpha = 1) priors");
            }
            double alpha = Double.parseDouble(m.group(1));
            int quantiles = Integer.parseInt(m.group(2)) - 1;
            if (alpha != 1.0) {
                throw new IllegalArgumentException("prior of '" + names.get(i) + "' is a Dirichlet with alpha = " + alpha
                        + ": only alpha = 1 (sorted uniforms) has a one-to-one unit-cube transform here");
            }
            if (!m.group(3).equals("1") || i + quantiles > d) {
                throw new IllegalArgumentException("Dirichlet block at '" + names.get(i) + "' does not start at component 1"
                        + " or runs past the last parameter");
            }
            for (int k = 0; k < quantiles; k++) {
                blockStart[i + k] = i;
                blockLength[i + k] = quantiles;
            }
            i += quantiles;
        }
        return new SedPriorTransform(names, lower, width, blockStart, blockLength);
    }

    public List<String> names() {
        return names;
    }

    @Override
    public int dimension() {
        return lower.length;
    }

    @Override
    public void toPhysical(double[] u, double[] out) {
        int d = lower.length;
        int i = 0;
        while (i < d) {
            if (blockStart[i] < 0) {
                out[i] = lower[i] + width[i] * u[i];
                i++;
            } else {
                SortedUniforms.transform(u, i, blockLength[i], out, i);
                i += blockLength[i];
            }
        }
    }

    /** The names of the sorted-uniform blocks, for documentation. */
    public List<String> sortedUniformParameters() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < blockStart.length; i++) {
            if (blockStart[i] >= 0) {
                out.add(names.get(i));
            }
        }
        return out;
    }
}
