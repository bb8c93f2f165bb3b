package io.sedstream.inference.catalogue;

/** A catalogue that cannot be read at all (header, encoding, file): the message names the file and the problem. */
public final class CatalogueException extends IllegalArgumentException {
    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
