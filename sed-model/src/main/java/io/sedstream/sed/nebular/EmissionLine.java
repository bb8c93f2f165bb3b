package io.sedstream.sed.nebular;

/**
 * One nebular emission line: vacuum wavelength and its flux relative to H-beta in three metallicity
 * groups (Z &lt;= 0.0004, Z = 0.004, Z &gt;= 0.008; Anders &amp; Fritze-v. Alvensleben 2003).
 */
public record EmissionLine(String name, double lambdaVacuumAngstrom, double ratioZ0004, double ratioZ004, double ratioZ008) {
}
