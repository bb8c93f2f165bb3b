package io.sedstream.inference.bundle;

/** A model bundle (manifest or member files) that cannot be served; the message names the reason. */
public final class InvalidModelBundleException extends RuntimeException {
    public InvalidModelBundleException(String message) {
        super(message);
    }

    public InvalidModelBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
