package vn.binhyen.group.domain.unit;

/** A command or a read for a unit that was never established (HTTP 404). */
public class UnknownUnitException extends RuntimeException {
    public UnknownUnitException(String what) {
        super(what);
    }
}
