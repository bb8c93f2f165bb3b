/**
 * The oracle: a verbatim copy of the marginal-summary code as it was on main at 0c2d602, before the
 * perf branch (TruncatedMarginal, LogitMarginal, StandardNormal, renamed with a Baseline prefix).
 * Tests compare the production summaries against it within 1e-6 of the prior box width; it is
 * never used outside tests and must not be "fixed" (it is the reference, faults included).
 */
package io.sedstream.inference.posterior.baseline;
